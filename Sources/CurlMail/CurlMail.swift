// CurlMail: libcurl SMTP submission and IMAP mailbox (being built, issue 5).
