# cmake -DIN=manifest.json -DOUT=out.json -DREMOVE="a;b.c" -P strip_manifest.cmake
# Writes IN without the listed members (dot = nesting). Used by scripts/package-extension.sh to
# drop the keys one browser family does not know (and warns about), without needing node or jq.
file(READ "${IN}" json)
foreach(member IN LISTS REMOVE)
  string(REPLACE "." ";" path "${member}")
  string(JSON type ERROR_VARIABLE missing TYPE "${json}" ${path})
  if(NOT missing)
    string(JSON json REMOVE "${json}" ${path})
  endif()
endforeach()
file(WRITE "${OUT}" "${json}\n")
