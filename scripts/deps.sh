#!/usr/bin/env bash
# Installs the Debian packages ModemKit needs to build (`make deps`); with the argument `demo`
# (`make demo`) also the MQTT broker the demo publishes to, with `test` (`make test`) also the
# real clients the tests run, and with `bench` (`make bench`) those of the Benchmarks package.
# As root, missing packages are installed with apt-get; otherwise the command to run is
# printed and the script fails. The Swift toolchain itself (6.1 or later) comes from swift.org.
set -euo pipefail

packages=(
  libserialport-dev   # serial ports (CLibSerialPort)
  pkg-config          # lets SwiftPM find libserialport
  libsqlite3-dev      # the telemetry outbox (GRDB.swift over the system SQLite)
)
# Optional packages, installed only as root: the demo falls back to a raw TCP receiver without
# mosquitto, and the tests of a missing client are skipped, saying so (unless
# MODEMKIT_REQUIRE_CLIENTS=1, as in CI).
test_packages=()
case "${1:-}" in
  demo)
    test_packages=(mosquitto)   # the MQTT broker `modemkit demo` publishes to
    ;;
  test)
    test_packages=(
      mosquitto           # the broker of the telemetry end-to-end tests and the demo tests
      gammu               # gammu identify/getallsms/sendsms... (VirtualModemHostTests)
      smstools            # smstools3's smsd (VirtualModemHostTests)
      chromium            # headless screenshot of `replay report` pages (EndToEndTests/CLIReplayReportTests)
    )
    ;;
esac
if [ "${1:-}" = "bench" ]; then
  packages+=(libgammu-dev)   # the SMS benchmark's peer baseline (Benchmarks/Sources/CGammuBaseline)
fi

if ! command -v swift >/dev/null 2>&1; then
  echo "deps: no 'swift' on PATH. Install a Swift 6.1+ toolchain (https://www.swift.org/install/linux/)" >&2
  echo "      and put its usr/bin on PATH." >&2
  exit 1
fi

if ! command -v dpkg >/dev/null 2>&1; then
  if pkg-config --exists libserialport 2>/dev/null; then exit 0; fi
  echo "deps: not a Debian system; install libserialport (headers) and pkg-config yourself." >&2
  exit 1
fi

missing=()
for package in "${packages[@]}"; do
  if ! dpkg -s "$package" 2>/dev/null | grep -q '^Status: install ok installed'; then
    missing+=("$package")
  fi
done

missing_test=()
for package in "${test_packages[@]}"; do
  if ! dpkg -s "$package" 2>/dev/null | grep -q '^Status: install ok installed'; then
    missing_test+=("$package")
  fi
done

if [ "${#missing[@]}" -eq 0 ] && { [ "${#missing_test[@]}" -eq 0 ] || [ "$(id -u)" -ne 0 ]; }; then
  echo "deps: ${packages[*]} already installed"
  if [ "${#missing_test[@]}" -ne 0 ]; then
    echo "deps: optional packages missing (the demo falls back to raw TCP without mosquitto; tests of a missing client are skipped): ${missing_test[*]}" >&2
    echo "deps: install them with: sudo apt-get install -y ${missing_test[*]}" >&2
  fi
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "deps: missing Debian packages: ${missing[*]}" >&2
  echo "deps: install them with:" >&2
  echo "    sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi

missing+=("${missing_test[@]}")
echo "deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends "${missing[@]}"
