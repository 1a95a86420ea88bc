#!/usr/bin/env bash
# Runs a throwaway Postfix 3.7 (Debian postfix) as a relay for the bounce tests, in the foreground.
#
#   start.sh DIR LOCAL_DOMAIN MAILDIR_DOMAIN
#
# Everything lives in DIR: config (DIR/etc), queue, data, the log (DIR/postfix.log) and the Maildir. Listens on
# 127.0.0.1 only, on a free port printed as `PORT n` before Postfix starts; no DNS. Mail to LOCAL_DOMAIN is
# delivered locally, so an unknown user there is accepted by smtpd and then bounced by local(8) with a real
# DSN (5.1.1) to the envelope sender. Every address at MAILDIR_DOMAIN (VERP `bounces+…` included) is
# delivered by virtual(8) into the Maildir DIR/mail/inbox/ (owned by nobody), which RosterMail reads.
# Must run as root (Postfix's master); nothing of the system's Postfix (/etc/postfix/main.cf, its queue) is
# used or touched. Stop it with `postfix -c DIR/etc stop` (or SIGTERM to the printed master pid).
set -euo pipefail
dir="${1:?usage: start.sh DIR LOCAL_DOMAIN MAILDIR_DOMAIN}"
local_domain="${2:?usage: start.sh DIR LOCAL_DOMAIN MAILDIR_DOMAIN}"
maildir_domain="${3:?usage: start.sh DIR LOCAL_DOMAIN MAILDIR_DOMAIN}"
[ "$(id -u)" -eq 0 ] || { echo "start.sh: Postfix needs root" >&2; exit 1; }
mkdir -p "$dir/etc" "$dir/queue" "$dir/data" "$dir/mail"
dir="$(cd "$dir" && pwd)"
chown postfix "$dir/data"
chown nobody:nogroup "$dir/mail"

port="$(/usr/bin/python3 -c '
import socket
s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"

cat >"$dir/etc/main.cf" <<CONF
compatibility_level = 3.6
queue_directory = $dir/queue
data_directory = $dir/data
mail_owner = postfix
setgid_group = postdrop
myhostname = relay.test
mydomain = relay.test
myorigin = relay.test
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
mydestination = $local_domain
# Accept any local recipient at SMTP time: local(8) then bounces the unknown ones (a DSN, not a 550).
local_recipient_maps =
alias_maps =
alias_database =
virtual_mailbox_domains = $maildir_domain
virtual_mailbox_base = $dir/mail
virtual_mailbox_maps = static:inbox/
virtual_uid_maps = static:$(id -u nobody)
virtual_gid_maps = static:$(id -g nobody)
recipient_delimiter = +
maillog_file = $dir/postfix.log
maillog_file_prefixes = $dir
disable_dns_lookups = yes
smtp_host_lookup = native
biff = no
CONF
cat >"$dir/etc/master.cf" <<CONF
127.0.0.1:$port inet n - n - - smtpd
pickup    unix  n       -       n       60      1       pickup
cleanup   unix  n       -       n       -       0       cleanup
qmgr      unix  n       -       n       300     1       qmgr
rewrite   unix  -       -       n       -       -       trivial-rewrite
bounce    unix  -       -       n       -       0       bounce
defer     unix  -       -       n       -       0       bounce
trace     unix  -       -       n       -       0       bounce
verify    unix  -       -       n       -       1       verify
flush     unix  n       -       n       1000?   0       flush
proxymap  unix  -       -       n       -       -       proxymap
smtp      unix  -       -       n       -       -       smtp
relay     unix  -       -       n       -       -       smtp
showq     unix  n       -       n       -       -       showq
error     unix  -       -       n       -       -       error
retry     unix  -       -       n       -       -       error
discard   unix  -       -       n       -       -       discard
local     unix  -       n       n       -       -       local
virtual   unix  -       n       n       -       -       virtual
anvil     unix  -       -       n       -       1       anvil
scache    unix  -       -       n       -       1       scache
postlog   unix-dgram n  -       n       -       1       postlogd
CONF

echo "PORT $port"
# A process started by Foundation's Process inherits a signal mask blocking nearly everything: unblock all
# signals on the way to exec (as scripts/testservers/dovecot/start.sh does).
exec /usr/bin/python3 -c 'import os, signal, sys; signal.pthread_sigmask(signal.SIG_SETMASK, set()); os.execv(sys.argv[1], sys.argv[1:])' \
    /usr/sbin/postfix -c "$dir/etc" start-fg
