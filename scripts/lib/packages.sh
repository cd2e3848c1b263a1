# Debian packages, sourced by the scripts in scripts/.

# What configuring and building tempest needs (compiler, CMake, the library's dependencies).
TEMPEST_BUILD_PACKAGES=(g++ cmake ninja-build libboost1.81-dev libsoci-dev libfmt-dev
  nlohmann-json3-dev libsqlite3-dev libpq-dev libmariadb-dev)

# tempest_install_packages PACKAGE...: installs those not installed yet (apt-get update only then).
tempest_install_packages() {
  local missing=() package
  for package in "$@"; do
    if [[ "$(dpkg-query -W -f='${db:Status-Status}' "$package" 2>/dev/null)" != installed ]]; then
      missing+=("$package")
    fi
  done
  ((${#missing[@]} == 0)) && return 0
  echo "installing: ${missing[*]}" >&2
  local sudo=()
  ((EUID == 0)) || sudo=(sudo)
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
}
