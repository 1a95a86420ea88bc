#!/usr/bin/env bash
# Runs a throwaway Dovecot 2.3 (Debian dovecot-imapd) for the CurlMail IMAP tests, in the foreground.
#
#   start.sh DIR CERT KEY [EXTRA_CONF]
#
# Everything lives in DIR (config, users file, maildir, sockets, state, dovecot.log). One user: roster / secret,
# mail in DIR/home/roster/Maildir. Listens on 127.0.0.1 only: a free port for STARTTLS and one for implicit TLS,
# printed as `PORT n` and `IMAPS_PORT n` before Dovecot starts. EXTRA_CONF, if given, is a file whose settings
# are appended to the config (e.g. an `imap_capability` without MOVE).
#
# The script execs `dovecot -F`, so its pid is Dovecot's master pid: stop it with `kill PID` (SIGTERM; the
# master stops its children). If a port was taken meanwhile, Dovecot exits at once with "Address already in
# use" in DIR/dovecot.log: run the script again. Works as root (login and internal processes run as Debian's
# dovenull/dovecot users, mail as nobody) and as an unprivileged user (everything runs as that user).
set -euo pipefail
dir="${1:?usage: start.sh DIR CERT KEY [EXTRA_CONF]}"
cert="${2:?usage: start.sh DIR CERT KEY [EXTRA_CONF]}"
key="${3:?usage: start.sh DIR CERT KEY [EXTRA_CONF]}"
extra="${4:-}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
dovecot="$(command -v dovecot || echo /usr/sbin/dovecot)"

mkdir -p "$dir/run" "$dir/state" "$dir/home/roster"
dir="$(cd "$dir" && pwd)"

# Two free ports: bound to port 0 by the kernel, released, then handed to Dovecot (a race is possible but
# rare; Dovecot then exits and the caller retries).
read -r port imaps_port < <(/usr/bin/python3 -c '
import socket
a, b = socket.socket(), socket.socket()
a.bind(("127.0.0.1", 0)); b.bind(("127.0.0.1", 0))
print(a.getsockname()[1], b.getsockname()[1])')

if [ "$(id -u)" -eq 0 ]; then
    # Dovecot refuses mail access as uid 0 and wants unprivileged login/internal users.
    login_user=dovenull
    internal_user=dovecot
    internal_group=dovecot
    mail_uid="$(id -u nobody)"
    mail_gid="$(id -g nobody)"
    chown -R "$mail_uid:$mail_gid" "$dir/home"
else
    login_user="$(id -un)"
    internal_user="$(id -un)"
    internal_group="$(id -gn)"
    mail_uid="$(id -u)"
    mail_gid="$(id -g)"
fi

sed -e "s#@DIR@#$dir#g" -e "s#@PORT@#$port#g" -e "s#@IMAPS_PORT@#$imaps_port#g" \
    -e "s#@LOGIN_USER@#$login_user#g" -e "s#@INTERNAL_USER@#$internal_user#g" \
    -e "s#@INTERNAL_GROUP@#$internal_group#g" -e "s#@MAIL_UID@#$mail_uid#g" -e "s#@MAIL_GID@#$mail_gid#g" \
    -e "s#@CERT@#$cert#g" -e "s#@KEY@#$key#g" \
    "$here/dovecot.conf.in" > "$dir/dovecot.conf"
if [ -n "$extra" ]; then
    cat "$extra" >> "$dir/dovecot.conf"
fi
# Read by the auth process, which runs as the internal user: a test password, world-readable on purpose.
printf 'roster:{PLAIN}secret\n' > "$dir/users"

echo "PORT $port"
echo "IMAPS_PORT $imaps_port"
# A process started by Foundation's Process (swift test) inherits a signal mask blocking nearly everything,
# SIGTERM and SIGCHLD included: Dovecot would then ignore `kill PID` and never reap its children. Unblock all
# signals on the way to exec.
exec /usr/bin/python3 -c 'import os, signal, sys; signal.pthread_sigmask(signal.SIG_SETMASK, set()); os.execv(sys.argv[1], sys.argv[1:])' \
    "$dovecot" -F -c "$dir/dovecot.conf"
