; Per-user Windows installer of the optout-guide host: no administrator rights, nothing outside
; the user's own folders and HKCU. Built by the CMake target `windows-installer` of a Windows
; build (docs/windows.md), which passes:
;   VERSION  HOST_EXE (the built optout-guide-host.exe)  OUTFILE
;   LICENSE_FILE  NOTICES_FILE (LICENSE, and the build's THIRD-PARTY-NOTICES.txt for Windows)
;   CHROME_STORE_URL  FIREFOX_STORE_URL (from manifests/identity.json)
; Registration has one source of truth, the host's own `install`; the uninstaller runs its
; `uninstall` (with --purge --yes only when the person ticks "delete my progress", or /PURGE).
; Silent use: setup.exe /S   uninstall.exe /S [/PURGE]
; 64-bit, like the host it carries (and what runs under 64-bit-only wine).
Target amd64-unicode
!include MUI2.nsh
!include LogicLib.nsh
!include FileFunc.nsh
!include Sections.nsh

Name "optout-guide"
OutFile "${OUTFILE}"
RequestExecutionLevel user
InstallDir "$LOCALAPPDATA\Programs\optout-guide"
SetCompressor /SOLID lzma
VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=0 "ProductName" "optout-guide"
VIAddVersionKey /LANG=0 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "FileDescription" "optout-guide helper installer"
VIAddVersionKey /LANG=0 "LegalCopyright" "optout-guide contributors; GPL-3.0-or-later"

!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\optout-guide"
!define HOST "$INSTDIR\optout-guide-host.exe"

!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN
!define MUI_FINISHPAGE_RUN_TEXT "$(OpenChromeStore)"
!define MUI_FINISHPAGE_RUN_FUNCTION OpenChromeStore
!define MUI_FINISHPAGE_SHOWREADME
!define MUI_FINISHPAGE_SHOWREADME_TEXT "$(OpenFirefoxStore)"
!define MUI_FINISHPAGE_SHOWREADME_FUNCTION OpenFirefoxStore
!define MUI_FINISHPAGE_SHOWREADME_NOTCHECKED
!define MUI_FINISHPAGE_TEXT "$(FinishText)"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_COMPONENTS
!insertmacro MUI_UNPAGE_INSTFILES

; The first is the fallback; Windows' own display language picks among them.
!insertmacro MUI_LANGUAGE "English"
!insertmacro MUI_LANGUAGE "French"
!insertmacro MUI_LANGUAGE "German"
!insertmacro MUI_LANGUAGE "Spanish"
!insertmacro MUI_LANGUAGE "Italian"

LangString OpenChromeStore ${LANG_ENGLISH} "Open the extension’s page in the Chrome Web Store (Chrome, Edge, Brave)"
LangString OpenChromeStore ${LANG_FRENCH} "Ouvrir la page de l’extension dans le Chrome Web Store (Chrome, Edge, Brave)"
LangString OpenChromeStore ${LANG_GERMAN} "Die Seite der Erweiterung im Chrome Web Store öffnen (Chrome, Edge, Brave)"
LangString OpenChromeStore ${LANG_SPANISH} "Abrir la página de la extensión en Chrome Web Store (Chrome, Edge, Brave)"
LangString OpenChromeStore ${LANG_ITALIAN} "Apri la pagina dell’estensione nel Chrome Web Store (Chrome, Edge, Brave)"
LangString OpenFirefoxStore ${LANG_ENGLISH} "Open the add-on’s page on addons.mozilla.org (Firefox)"
LangString OpenFirefoxStore ${LANG_FRENCH} "Ouvrir la page du module sur addons.mozilla.org (Firefox)"
LangString OpenFirefoxStore ${LANG_GERMAN} "Die Seite des Add-ons auf addons.mozilla.org öffnen (Firefox)"
LangString OpenFirefoxStore ${LANG_SPANISH} "Abrir la página del complemento en addons.mozilla.org (Firefox)"
LangString OpenFirefoxStore ${LANG_ITALIAN} "Apri la pagina del componente aggiuntivo su addons.mozilla.org (Firefox)"
LangString FinishText ${LANG_ENGLISH} "The optout-guide helper program is installed for your browsers. Add the optout-guide extension to your browser if you have not yet: it finds this helper program by itself."
LangString FinishText ${LANG_FRENCH} "Le programme d’aide optout-guide est installé pour vos navigateurs. Ajoutez l’extension optout-guide à votre navigateur si ce n’est pas déjà fait : elle trouvera ce programme toute seule."
LangString FinishText ${LANG_GERMAN} "Das Hilfsprogramm von optout-guide ist für deine Browser installiert. Füge die Erweiterung optout-guide deinem Browser hinzu, falls noch nicht geschehen. Die Erweiterung findet dieses Hilfsprogramm von selbst."
LangString FinishText ${LANG_SPANISH} "El programa auxiliar de optout-guide está instalado para tus navegadores. Añade la extensión optout-guide a tu navegador si aún no lo has hecho: encontrará este programa auxiliar por sí sola."
LangString FinishText ${LANG_ITALIAN} "Il programma di supporto di optout-guide è installato per i tuoi browser. Aggiungi l’estensione optout-guide al tuo browser se non l’hai ancora fatto: troverà da sola questo programma di supporto."
LangString InstallFailed ${LANG_ENGLISH} "The helper program could not register itself with your browsers (error $0). The details are shown above; run $\"${HOST}$\" doctor in a command prompt to see what to fix."
LangString InstallFailed ${LANG_FRENCH} "Le programme d’aide n’a pas pu s’enregistrer auprès de vos navigateurs (erreur $0). Les détails sont affichés ci-dessus ; lancez $\"${HOST}$\" doctor dans une invite de commandes pour savoir quoi corriger."
LangString InstallFailed ${LANG_GERMAN} "Das Hilfsprogramm konnte sich nicht bei deinen Browsern registrieren (Fehler $0). Die Einzelheiten stehen oben; führe $\"${HOST}$\" doctor in einer Eingabeaufforderung aus, um zu sehen, was zu beheben ist."
LangString InstallFailed ${LANG_SPANISH} "El programa auxiliar no ha podido registrarse en tus navegadores (error $0). Los detalles aparecen arriba; ejecuta $\"${HOST}$\" doctor en un símbolo del sistema para ver qué corregir."
LangString InstallFailed ${LANG_ITALIAN} "Il programma di supporto non è riuscito a registrarsi presso i tuoi browser (errore $0). I dettagli sono mostrati sopra; esegui $\"${HOST}$\" doctor in un prompt dei comandi per vedere cosa correggere."
LangString PurgeSection ${LANG_ENGLISH} "Also delete my progress (cannot be undone)"
LangString PurgeSection ${LANG_FRENCH} "Supprimer aussi ma progression (irréversible)"
LangString PurgeSection ${LANG_GERMAN} "Auch meinen Fortschritt löschen (nicht rückgängig zu machen)"
LangString PurgeSection ${LANG_SPANISH} "Borrar también mi progreso (no se puede deshacer)"
LangString PurgeSection ${LANG_ITALIAN} "Elimina anche i miei progressi (non si può annullare)"
LangString PurgeDescription ${LANG_ENGLISH} "Your record of which objections you sent stays on this computer unless you tick this."
LangString PurgeDescription ${LANG_FRENCH} "La trace des oppositions que vous avez envoyées reste sur cet ordinateur, sauf si vous cochez ceci."
LangString PurgeDescription ${LANG_GERMAN} "Der Nachweis, welche Widersprüche du abgeschickt hast, bleibt auf diesem Computer, außer du kreuzt dies an."
LangString PurgeDescription ${LANG_SPANISH} "El registro de las oposiciones que enviaste se queda en este ordenador, salvo que marques esta casilla."
LangString PurgeDescription ${LANG_ITALIAN} "Il registro delle opposizioni che hai inviato resta su questo computer, a meno che tu non selezioni questa casella."

Function OpenChromeStore
    ExecShell "open" "${CHROME_STORE_URL}"
FunctionEnd
Function OpenFirefoxStore
    ExecShell "open" "${FIREFOX_STORE_URL}"
FunctionEnd

Section "optout-guide"
    SetOutPath "$INSTDIR"
    File "/oname=optout-guide-host.exe" "${HOST_EXE}"
    ; The licence and the notices of what the host contains (docs/licences.md).
    File "/oname=LICENSE.txt" "${LICENSE_FILE}"
    File "/oname=THIRD-PARTY-NOTICES.txt" "${NOTICES_FILE}"
    WriteUninstaller "$INSTDIR\uninstall.exe"
    ; nsExec reads the host's output as ANSI unless it is UTF-16: ask the host for UTF-16, so the
    ; details pane shows "é" and French spaces, not "Ã©" (host/src/cli/installer_output.hpp).
    System::Call 'kernel32::SetEnvironmentVariable(t "OPTOUT_GUIDE_OUTPUT", t "utf-16le")'
    nsExec::ExecToLog '"${HOST}" install'
    Pop $0
    ${If} $0 != 0
        MessageBox MB_ICONSTOP "$(InstallFailed)" /SD IDOK
        SetErrorLevel 2
        Abort
    ${EndIf}
    ; Apps & features (per user)
    WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "optout-guide"
    WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
    WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "optout-guide"
    WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
    WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
    WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
    WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
    WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
SectionEnd

; Declared before the section that reads whether it is selected.
Section /o "un.$(PurgeSection)" SecPurge
SectionEnd

Section "-un.optout-guide"
    System::Call 'kernel32::SetEnvironmentVariable(t "OPTOUT_GUIDE_OUTPUT", t "utf-16le")'
    ${If} ${SectionIsSelected} ${SecPurge}
        nsExec::ExecToLog '"${HOST}" uninstall --purge --yes'
    ${Else}
        nsExec::ExecToLog '"${HOST}" uninstall'
    ${EndIf}
    Pop $0
    Delete "${HOST}"
    Delete "$INSTDIR\LICENSE.txt"
    Delete "$INSTDIR\THIRD-PARTY-NOTICES.txt"
    Delete "$INSTDIR\uninstall.exe"
    RMDir "$INSTDIR"
    DeleteRegKey HKCU "${UNINSTALL_KEY}"
SectionEnd

!insertmacro MUI_UNFUNCTION_DESCRIPTION_BEGIN
    !insertmacro MUI_DESCRIPTION_TEXT ${SecPurge} "$(PurgeDescription)"
!insertmacro MUI_UNFUNCTION_DESCRIPTION_END

Function un.onInit
    ${GetParameters} $R0
    ClearErrors
    ${GetOptions} $R0 "/PURGE" $R1
    ${IfNot} ${Errors}
        !insertmacro SelectSection ${SecPurge}
    ${EndIf}
FunctionEnd
