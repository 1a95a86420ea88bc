/* The C peer of the SMTP benchmark: one reused libcurl easy handle, one envelope per message, plain SMTP to
 * a loopback sink. Usage: curl_loop URL FROM DIR   (DIR/rcpts.txt: one recipient per line, in the order of
 * DIR/000001.eml, DIR/000002.eml, …). Prints "sent N". Not part of RosterMail: a yardstick only. */
#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct buf { char *data; size_t len, pos; };

static size_t readcb(char *out, size_t size, size_t n, void *userp) {
    struct buf *b = userp;
    size_t want = size * n, left = b->len - b->pos;
    if (want > left) want = left;
    memcpy(out, b->data + b->pos, want);
    b->pos += want;
    return want;
}

static char *slurp(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *d = malloc(n > 0 ? n : 1);
    *len = fread(d, 1, n, f);
    fclose(f);
    return d;
}

int main(int argc, char **argv) {
    if (argc != 4) { fprintf(stderr, "usage: curl_loop URL FROM DIR\n"); return 2; }
    char path[4096], rcpt[1024];
    snprintf(path, sizeof path, "%s/rcpts.txt", argv[3]);
    FILE *r = fopen(path, "r");
    if (!r) { perror(path); return 1; }
    curl_global_init(CURL_GLOBAL_DEFAULT);
    CURL *h = curl_easy_init();
    curl_easy_setopt(h, CURLOPT_URL, argv[1]);
    curl_easy_setopt(h, CURLOPT_MAIL_FROM, argv[2]);
    curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(h, CURLOPT_READFUNCTION, readcb);
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    int sent = 0;
    for (int i = 1; fgets(rcpt, sizeof rcpt, r); i++) {
        rcpt[strcspn(rcpt, "\r\n")] = 0;
        snprintf(path, sizeof path, "%s/%06d.eml", argv[3], i);
        struct buf b = {0};
        b.data = slurp(path, &b.len);
        if (!b.data) { perror(path); return 1; }
        struct curl_slist *to = curl_slist_append(NULL, rcpt);
        curl_easy_setopt(h, CURLOPT_MAIL_RCPT, to);
        curl_easy_setopt(h, CURLOPT_READDATA, &b);
        curl_easy_setopt(h, CURLOPT_INFILESIZE_LARGE, (curl_off_t)b.len);
        CURLcode rc = curl_easy_perform(h);
        curl_slist_free_all(to);
        free(b.data);
        if (rc != CURLE_OK) { fprintf(stderr, "message %d: %s\n", i, curl_easy_strerror(rc)); return 1; }
        sent++;
    }
    curl_easy_cleanup(h);
    printf("sent %d\n", sent);
    return 0;
}
