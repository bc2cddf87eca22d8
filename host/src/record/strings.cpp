#include "record/strings.hpp"

#include <array>

#include "util/lang.hpp"

namespace og::record {
namespace {

struct Entry {
    std::string_view key, en, fr;
};

constexpr std::array<Entry, 42> kTable = {{
    {"title", "Record of objections to AI training by Meta",
     "Relevé des oppositions à l’entraînement de l’IA de Meta"},
    {"intro",
     "This record was produced by optout-guide on this computer, from its own journal. It "
     "lists what was objected to, when, and through which form. \"Submitted\" means you "
     "pressed the form's own Send button and Meta then showed the confirmation quoted here; "
     "\"confirmed\" means you told optout-guide, in its own window, that Meta's confirmation "
     "email arrived.",
     "Ce relevé a été produit par optout-guide sur cet ordinateur, à partir de son propre "
     "journal. Il indique à quoi une opposition a été faite, quand, et par quel formulaire. "
     "« Envoyée » signifie que vous avez appuyé sur le bouton d’envoi du formulaire lui-même "
     "et que Meta a ensuite affiché la confirmation citée ici ; « confirmée » signifie que "
     "vous avez indiqué à optout-guide, dans sa propre fenêtre, avoir reçu l’e-mail de "
     "confirmation de Meta."},
    {"generated", "Generated", "Établi le"},
    {"catalog", "Procedure catalog version", "Version du catalogue des procédures"},
    {"catalog_verified", "checked against Meta's sites on", "vérifié sur les sites de Meta le"},
    {"host", "Program", "Programme"},
    {"procedures", "Procedures", "Démarches"},
    {"procedure", "Procedure", "Démarche"},
    {"platform", "Platform", "Plateforme"},
    {"account", "Account", "Compte"},
    {"state", "State", "État"},
    {"progress", "Progress", "Avancement"},
    {"step_of", "step {k} of {n}", "étape {k} sur {n}"},
    {"started", "Started", "Commencée le"},
    {"submitted", "Objection submitted", "Opposition envoyée le"},
    {"confirmed", "Confirmed by Meta", "Confirmée par Meta le"},
    {"form_url", "Form used", "Formulaire utilisé"},
    {"meta_showed", "What Meta showed once it took the form",
     "Ce que Meta a affiché après avoir reçu le formulaire"},
    {"shown_at", "shown on", "affiché le"},
    {"form_catalog", "Catalog version at submission", "Version du catalogue à l’envoi"},
    {"state.not_started", "Not started", "Pas commencée"},
    {"state.in_progress", "In progress", "En cours"},
    {"state.submitted", "Objection submitted", "Opposition envoyée"},
    {"state.confirmed", "Confirmed by Meta", "Confirmée par Meta"},
    {"journal", "Journal: every recorded event, oldest first",
     "Journal : chaque événement enregistré, du plus ancien au plus récent"},
    {"time", "Time (UTC)", "Heure (UTC)"},
    {"event", "Event", "Événement"},
    {"step", "Step", "Étape"},
    {"page", "Page", "Page"},
    {"client", "Recorded by", "Enregistré par"},
    {"event.step_shown", "Step shown", "Étape affichée"},
    {"event.step_completed", "Step completed", "Étape terminée"},
    {"event.step_skipped", "Step skipped", "Étape passée"},
    {"event.form_submitted", "Form submitted", "Formulaire envoyé"},
    {"event.confirmation_received", "Confirmation received", "Confirmation reçue"},
    {"event.reset", "Procedure restarted", "Démarche recommencée"},
    {"none", "No procedure has been started yet.", "Aucune démarche n’a encore été commencée."},
    {"no_events", "No event recorded.", "Aucun événement enregistré."},
    {"note",
     "Times are in UTC. optout-guide never sends any of this anywhere; this record stays with "
     "you unless you choose to share it.",
     "Les heures sont en UTC. optout-guide n’envoie jamais ces informations nulle part ; ce "
     "relevé reste chez vous, sauf si vous choisissez de le transmettre."},
    {"what", "What was objected to", "Objet de l’opposition"},
    {"dash", "—", "—"},
    {"print", "Print or save as PDF from your browser's print menu.",
     "Imprimez ou enregistrez en PDF depuis le menu d’impression du navigateur."},
}};

}  // namespace

std::string pick_language(std::string_view requested) {
    return lang::base(requested) == "fr" ? "fr" : "en";
}

std::string_view text(std::string_view lang, std::string_view key) {
    for (const auto& e : kTable)
        if (e.key == key) return lang == "fr" ? e.fr : e.en;
    return key;
}

}  // namespace og::record
