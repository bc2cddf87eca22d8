# Debian package built by CPack (`cmake --build <dir> --target package`): the host in /usr/bin
# and its system-wide manifests for Chromium, Google Chrome and Firefox. dpkg owns those files,
# so removing the package removes them. The manifests are rendered from manifests/*.json.in with
# the identity in manifests/identity.json (the one place the IDs live).
set(OG_PKG_IDENTITY_FILE ${PROJECT_SOURCE_DIR}/manifests/identity.json)
file(READ ${OG_PKG_IDENTITY_FILE} OG_PKG_IDENTITY_JSON)
string(JSON OG_HOST_NAME GET "${OG_PKG_IDENTITY_JSON}" hostName)
string(JSON OG_HOST_DESCRIPTION GET "${OG_PKG_IDENTITY_JSON}" description)
string(JSON OG_CHROMIUM_ID GET "${OG_PKG_IDENTITY_JSON}" chromiumExtensionId)
string(JSON OG_FIREFOX_ID GET "${OG_PKG_IDENTITY_JSON}" firefoxAddonId)
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS
             ${OG_PKG_IDENTITY_FILE} ${PROJECT_SOURCE_DIR}/manifests/chromium.json.in
             ${PROJECT_SOURCE_DIR}/manifests/firefox.json.in)

set(OG_HOST_PATH /usr/bin/optout-guide-host)
set(OG_PKG_MANIFEST_DIR ${PROJECT_BINARY_DIR}/packaging/manifests)
configure_file(${PROJECT_SOURCE_DIR}/manifests/chromium.json.in
               ${OG_PKG_MANIFEST_DIR}/chromium/${OG_HOST_NAME}.json @ONLY)
configure_file(${PROJECT_SOURCE_DIR}/manifests/firefox.json.in
               ${OG_PKG_MANIFEST_DIR}/firefox/${OG_HOST_NAME}.json @ONLY)

# EXCLUDE_FROM_ALL: a plain `cmake --install` (scripts/install.sh, into ~/.local) must never
# touch /etc; only the package asks for this component.
foreach(dir /etc/chromium/native-messaging-hosts /etc/opt/chrome/native-messaging-hosts)
  install(FILES ${OG_PKG_MANIFEST_DIR}/chromium/${OG_HOST_NAME}.json DESTINATION ${dir}
          PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ WORLD_READ
          COMPONENT system_manifests EXCLUDE_FROM_ALL)
endforeach()
install(FILES ${OG_PKG_MANIFEST_DIR}/firefox/${OG_HOST_NAME}.json
        DESTINATION /usr/lib/mozilla/native-messaging-hosts
        PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ WORLD_READ
        COMPONENT system_manifests EXCLUDE_FROM_ALL)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME optout-guide)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_VENDOR "optout-guide")
set(CPACK_PACKAGE_CONTACT "optout-guide maintainers <maintainers@optoutguide.org>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "guides you through objecting to Meta's AI training (native host)")
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
    "Native-messaging host of the optout-guide browser extension, registered system-wide\nfor Chromium, Google Chrome and Firefox. It holds the procedure catalog and your\nprogress; it never touches the network.")
set(CPACK_DEBIAN_PACKAGE_SECTION web)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_GROUPING ALL_COMPONENTS_IN_ONE)
set(CPACK_COMPONENTS_ALL Unspecified system_manifests)
set(CPACK_OUTPUT_FILE_PREFIX ${PROJECT_BINARY_DIR}/dist)
include(CPack)
