# shellcheck shell=bash
# og_text KEY [NAME=VALUE ...]: the text KEY of scripts/lib/install-texts.txt in the user's
# language, chosen as the host chooses it (LC_ALL, then LC_MESSAGES, then LANG; English when the
# language has no text), with each {NAME} replaced by its VALUE.
declare -gA OG_TEXTS=()
og_texts_load() {
    local line section=""
    while IFS= read -r line; do
        if [[ $line =~ ^\[([a-z_.]+)\]$ ]]; then
            section=${BASH_REMATCH[1]}
        elif [[ $line =~ ^([a-z][a-z])\ =\ (.*)$ ]]; then
            OG_TEXTS[$section.${BASH_REMATCH[1]}]=${BASH_REMATCH[2]}
        fi
    done <"$(dirname "${BASH_SOURCE[0]}")/install-texts.txt"
    local tag=${LC_ALL:-${LC_MESSAGES:-${LANG:-}}}
    OG_LANG=en
    # "fr_FR.UTF-8", "de-DE", "es" → fr, de, es; "C", "POSIX" and unknown languages → English.
    if [[ $tag =~ ^([A-Za-z]{2})([_.@-]|$) ]]; then
        local base=${BASH_REMATCH[1],,}
        if [[ -n ${OG_TEXTS[step.deps.$base]:-} ]]; then OG_LANG=$base; fi
    fi
}
og_text() {
    local key=$1 kv
    shift
    local text=${OG_TEXTS[$key.$OG_LANG]:-${OG_TEXTS[$key.en]:-$key}}
    for kv in "$@"; do text=${text//"{${kv%%=*}}"/"${kv#*=}"}; done
    printf '%s\n' "$text"
}
og_texts_load
