#!/bin/sh
# Installs what building and testing dcv needs on Debian 12 (run as root).
# Does nothing when everything is there already.
set -e
PKGS="make gcc pkg-config clang libclang-rt-14-dev valgrind
      postgresql-15 postgresql-server-dev-15 postgresql-common
      libidn2-dev libpsl-dev libunistring-dev publicsuffix"
missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
	echo "installing:$missing"
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

# The Public Suffix List's test vectors ship as documentation, which minimal
# images may leave out (dpkg path-exclude): take them from the package itself.
vectors=/usr/share/doc/publicsuffix/examples/test_psl.txt
if [ ! -f "$vectors" ]; then
	tmp=$(mktemp -d)
	(cd "$tmp" && apt-get download publicsuffix >/dev/null && dpkg-deb -x publicsuffix_*.deb x) &&
		mkdir -p "$(dirname "$vectors")" &&
		cp "$tmp/x$vectors" "$vectors"
	rm -rf "$tmp"
fi
