#!/usr/bin/env bash
# Makes a throwaway test CA and a server certificate for 127.0.0.1, ::1 and localhost.
#   make_ca.sh DIR  →  DIR/ca.pem (trust this: SMTPSettings.caFile), DIR/server.pem, DIR/server.key
# Used by the CurlMail tests' SMTP servers; nothing here is a secret worth keeping.
set -euo pipefail
dir="${1:?usage: make_ca.sh DIR}"
mkdir -p "$dir"
cd "$dir"

openssl req -x509 -newkey rsa:2048 -nodes -days 2 -sha256 \
  -keyout ca.key -out ca.pem -subj "/CN=RosterMail test CA" \
  -addext "basicConstraints=critical,CA:TRUE" \
  -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null

openssl req -newkey rsa:2048 -nodes -sha256 \
  -keyout server.key -out server.csr -subj "/CN=localhost" 2>/dev/null

cat > server.ext <<'EXT'
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=serverAuth
subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1
EXT

openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial \
  -days 2 -sha256 -extfile server.ext -out server.pem 2>/dev/null
rm -f server.csr server.ext ca.srl
echo "$dir/ca.pem"
