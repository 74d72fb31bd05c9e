/*
 * Host tests of the C ABI (rust/ffi/include/daily_notification.h), run by tests/ios/run.sh under
 * valgrind. They check every dnp_ function, ownership of returned strings, bad input, failing
 * key-wrapper callbacks and a configure-then-prefetch against the Endorser double.
 *
 * Inputs (environment, set by run.sh): DNP_TEST_WORK_DIR (an empty directory), DNP_TEST_BASE_URL,
 * DNP_TEST_PLAN_IDS (JSON array), DNP_TEST_CA_FILE, DNP_TEST_TOKENS_FILE (one JWT per line),
 * DNP_TEST_DID, DNP_TEST_SCHEDULE_REQUESTS and DNP_TEST_SCHEDULE_ANSWERS (schedule_vectors). Tokens
 * are never printed: checks print their names only.
 * Ends with the line "N passed, N failed"; exits 1 when a check failed.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "daily_notification.h"

static int passed, failed;

static void check(int ok, const char *name) {
    if (ok) {
        passed++;
        printf("ok - %s\n", name);
    } else {
        failed++;
        printf("FAIL - %s\n", name);
    }
    fflush(stdout);
}

static int contains(const char *haystack, const char *needle) {
    return haystack != NULL && strstr(haystack, needle) != NULL;
}

static int64_t now_millis(void) {
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* A non-NULL value the library must overwrite with NULL: proves out pointers are cleared. */
static char sentinel_byte;
#define SENTINEL (&sentinel_byte)

/* ---- An in-memory key wrapper ----------------------------------------------------------- */

/* The "keychain": one key-encryption key, shared by every wrapper, that can be lost. */
typedef struct {
    pthread_mutex_t lock;
    int present;
    unsigned char kek[32];
} Keychain;

enum UnwrapMode { UNWRAP_NORMAL, UNWRAP_FAIL, UNWRAP_OVERSIZED };

typedef struct {
    Keychain *keychain;
    int fail_wrap;
    int fail_delete;
    enum UnwrapMode unwrap_mode;
    int wraps, unwraps, deletes, releases;
} TestWrapper;

static Keychain keychain = {PTHREAD_MUTEX_INITIALIZER, 0, {0}};
static const unsigned char MAGIC[3] = {'T', 'W', '1'};

static int32_t test_wrap(void *context, const uint8_t *input, size_t input_len, uint8_t *output,
                         size_t capacity, size_t *output_len) {
    TestWrapper *w = context;
    pthread_mutex_lock(&w->keychain->lock);
    w->wraps++;
    int32_t rc = DNP_KEY_CALLBACK_OK;
    if (w->fail_wrap || input_len + sizeof MAGIC > capacity) {
        rc = DNP_KEY_CALLBACK_FAILED;
    } else {
        w->keychain->present = 1;
        memcpy(output, MAGIC, sizeof MAGIC);
        for (size_t i = 0; i < input_len; i++) output[sizeof MAGIC + i] = input[i] ^ w->keychain->kek[i % 32];
        *output_len = input_len + sizeof MAGIC;
    }
    pthread_mutex_unlock(&w->keychain->lock);
    return rc;
}

static int32_t test_unwrap(void *context, const uint8_t *input, size_t input_len, uint8_t *output,
                           size_t capacity, size_t *output_len) {
    TestWrapper *w = context;
    pthread_mutex_lock(&w->keychain->lock);
    w->unwraps++;
    int32_t rc = DNP_KEY_CALLBACK_OK;
    if (w->unwrap_mode == UNWRAP_FAIL) {
        rc = DNP_KEY_CALLBACK_FAILED;
    } else if (w->unwrap_mode == UNWRAP_OVERSIZED) {
        *output_len = capacity + 1; /* a buggy callee: the library must not trust it */
    } else if (!w->keychain->present) {
        rc = DNP_KEY_CALLBACK_UNAVAILABLE;
    } else if (input_len < sizeof MAGIC || memcmp(input, MAGIC, sizeof MAGIC) != 0 ||
               input_len - sizeof MAGIC > capacity) {
        rc = DNP_KEY_CALLBACK_UNAVAILABLE;
    } else {
        size_t n = input_len - sizeof MAGIC;
        for (size_t i = 0; i < n; i++) output[i] = input[sizeof MAGIC + i] ^ w->keychain->kek[i % 32];
        *output_len = n;
    }
    pthread_mutex_unlock(&w->keychain->lock);
    return rc;
}

static int32_t test_delete(void *context) {
    TestWrapper *w = context;
    pthread_mutex_lock(&w->keychain->lock);
    w->deletes++;
    int32_t rc = DNP_KEY_CALLBACK_OK;
    if (w->fail_delete) {
        rc = DNP_KEY_CALLBACK_FAILED;
    } else {
        w->keychain->present = 0;
    }
    pthread_mutex_unlock(&w->keychain->lock);
    return rc;
}

static void test_release(void *context) {
    TestWrapper *w = context;
    pthread_mutex_lock(&w->keychain->lock);
    w->releases++;
    pthread_mutex_unlock(&w->keychain->lock);
}

static DnpKeyWrapper wrapper_of(TestWrapper *w) {
    memset(w, 0, sizeof *w);
    w->keychain = &keychain;
    DnpKeyWrapper c = {w, test_wrap, test_unwrap, test_delete, test_release};
    return c;
}

static int released(TestWrapper *w) {
    pthread_mutex_lock(&w->keychain->lock);
    int n = w->releases;
    pthread_mutex_unlock(&w->keychain->lock);
    return n;
}

/* ---- Helpers ------------------------------------------------------------------------------ */

/* True when status, the cleared result and the error JSON all say `code`. Frees the error. */
static int failed_with(int32_t status, int32_t expected, char *result, char *error, const char *code) {
    char quoted[64];
    snprintf(quoted, sizeof quoted, "\"code\":\"%s\"", code);
    int ok = status == expected && result == NULL && contains(error, quoted) && contains(error, "\"message\":");
    dnp_string_free(error);
    return ok;
}

static char *read_file(const char *path) {
    FILE *f = path ? fopen(path, "rb") : NULL;
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    size_t got = fread(buf, 1, (size_t)n, f);
    buf[got] = 0;
    fclose(f);
    return buf;
}

/* Appends `s` to the JSON string being built, escaping quotes, backslashes and newlines. */
static void append_json_string(char **buf, size_t *len, size_t *cap, const char *s) {
    size_t need = *len + 2 * strlen(s) + 3;
    if (need > *cap) {
        *cap = need * 2;
        *buf = realloc(*buf, *cap);
    }
    char *p = *buf + *len;
    *p++ = '"';
    for (; *s; s++) {
        if (*s == '"' || *s == '\\') *p++ = '\\';
        if (*s == '\n') {
            *p++ = '\\';
            *p++ = 'n';
            continue;
        }
        *p++ = *s;
    }
    *p++ = '"';
    *p = 0;
    *len = (size_t)(p - *buf);
}

static void append(char **buf, size_t *len, size_t *cap, const char *s) {
    size_t n = strlen(s);
    if (*len + n + 1 > *cap) {
        *cap = (*len + n + 1) * 2;
        *buf = realloc(*buf, *cap);
    }
    memcpy(*buf + *len, s, n + 1);
    *len += n;
}

#define MAX_TOKENS 8
static char *tokens[MAX_TOKENS];
static int token_count;

static void load_tokens(const char *path) {
    char *text = read_file(path);
    if (!text) return;
    char *save = NULL;
    for (char *line = strtok_r(text, "\n", &save); line && token_count < MAX_TOKENS;
         line = strtok_r(NULL, "\n", &save)) {
        if (*line) tokens[token_count++] = strdup(line);
    }
    free(text);
}

/* True when no token, nor its payload or signature segment, appears in `text`. */
static int no_token_in(const char *text) {
    if (text == NULL) return 1;
    for (int i = 0; i < token_count; i++) {
        const char *dot1 = strchr(tokens[i], '.');
        const char *dot2 = dot1 ? strchr(dot1 + 1, '.') : NULL;
        if (strstr(text, tokens[i])) return 0;
        if (dot2 && strstr(text, dot2 + 1)) return 0;
        if (dot1 && dot2) {
            char payload[2048];
            size_t n = (size_t)(dot2 - dot1 - 1);
            if (n < sizeof payload) {
                memcpy(payload, dot1 + 1, n);
                payload[n] = 0;
                if (strstr(text, payload)) return 0;
            }
        }
    }
    return 1;
}

/* ConfigureOptions with the first `n` tokens plus, when given, one extra string token. */
static char *configure_json(const char *api, const char *did, int n, const char *extra, const char *plan_ids) {
    size_t len = 0, cap = 1024;
    char *buf = malloc(cap);
    buf[0] = 0;
    append(&buf, &len, &cap, "{\"apiBaseUrl\":");
    append_json_string(&buf, &len, &cap, api);
    append(&buf, &len, &cap, ",\"activeDid\":");
    append_json_string(&buf, &len, &cap, did);
    append(&buf, &len, &cap, ",\"jwtTokens\":[");
    for (int i = 0; i < n; i++) {
        if (i) append(&buf, &len, &cap, ",");
        append_json_string(&buf, &len, &cap, tokens[i]);
    }
    if (extra) {
        if (n) append(&buf, &len, &cap, ",");
        append_json_string(&buf, &len, &cap, extra);
    }
    append(&buf, &len, &cap, "]");
    if (plan_ids) {
        append(&buf, &len, &cap, ",\"starredPlanIds\":");
        append(&buf, &len, &cap, plan_ids);
        /* A cursor below every plan: the first prefetch reports them all (with no cursor it
           would only establish one, silently). */
        append(&buf, &len, &cap, ",\"afterId\":\"00000000000000000000000000\"");
    }
    append(&buf, &len, &cap, "}");
    return buf;
}

/* `opts` (a JSON object from configure_json) with `members` added before its closing brace. */
static char *with_members(char *opts, const char *members) {
    size_t n = strlen(opts);
    char *out = malloc(n + strlen(members) + 2);
    memcpy(out, opts, n - 1);
    sprintf(out + n - 1, ",%s}", members);
    free(opts);
    return out;
}

/* Plain http to the emulator's host: what Swift sends (debugBuild from DEBUG, the app's
 * allowDevelopmentHttp) decides; a public host never passes. */
static void development_http(void) {
    const char *did = getenv("DNP_TEST_DID");
    const char *cases[][3] = {
        {"http://10.0.2.2:3000", "\"allowDevelopmentHttp\":true,\"debugBuild\":false", "INVALID_API_BASE_URL"},
        {"http://10.0.2.2:3000", "\"allowDevelopmentHttp\":false,\"debugBuild\":true", "INVALID_API_BASE_URL"},
        {"http://8.8.8.8:3000", "\"allowDevelopmentHttp\":true,\"debugBuild\":true", "INVALID_API_BASE_URL"},
        {"http://10.0.2.2:3000/", "\"allowDevelopmentHttp\":true,\"debugBuild\":true", NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        if (token_count < 3 || !did) break;
        char *opts = with_members(configure_json(cases[i][0], did, 3, NULL, NULL), cases[i][1]);
        char *result = SENTINEL, *error = SENTINEL;
        int32_t s = dnp_configure(opts, now_millis(), &result, &error);
        char name[160];
        snprintf(name, sizeof name, "configure %s with %s: %s", cases[i][0], cases[i][1], cases[i][2] ? cases[i][2] : "accepted");
        if (cases[i][2]) {
            check(failed_with(s, DNP_INVALID_API_BASE_URL, result, error, cases[i][2]), name);
        } else {
            check(s == DNP_OK && contains(result, "\"accepted\":3"), name);
            dnp_string_free(result);
            dnp_string_free(error);
        }
        free(opts);
    }
    char *result = NULL, *error = NULL;
    check(dnp_status(now_millis(), &result, &error) == DNP_OK && contains(result, "\"apiBaseUrl\":\"http://10.0.2.2:3000\""),
          "the development URL is stored without its trailing slash");
    dnp_string_free(result);
}

/* {"cursor":"<the value of "cursor" in json>"}, or NULL. */
static char *delivery_of(const char *json) {
    const char *at = json ? strstr(json, "\"cursor\":\"") : NULL;
    if (!at) return NULL;
    at += strlen("\"cursor\":\"");
    const char *end = strchr(at, '"');
    if (!end) return NULL;
    char *out = malloc((size_t)(end - at) + 16);
    snprintf(out, (size_t)(end - at) + 16, "{\"cursor\":\"%.*s\"}", (int)(end - at), at);
    return out;
}

static char work_dir[1024];

static const char *store(const char *name) {
    static char paths[8][1100];
    static int next;
    char *p = paths[next++ % 8];
    snprintf(p, sizeof paths[0], "%s/%s", work_dir, name);
    return p;
}

/* Opens `dir` with a new wrapper and an empty data-key cache (via another directory first). */
static int reopen(const char *dir, TestWrapper *via, TestWrapper *w) {
    int a = dnp_init(store("via"), wrapper_of(via), NULL);
    int b = dnp_init(dir, wrapper_of(w), NULL);
    return a == DNP_OK && b == DNP_OK;
}

/* ---- Tests -------------------------------------------------------------------------------- */

/* tests/vectors/schedule.json, turned into one dnp_schedule request per line by run.sh
 * (DNP_TEST_SCHEDULE_REQUESTS). Each answer, the result or the error JSON, goes to one line of
 * DNP_TEST_SCHEDULE_ANSWERS, which run.sh compares with the vectors' expectations. Runs before
 * dnp_init: the schedule needs no store. */
static void schedule_vectors(void) {
    const char *in_path = getenv("DNP_TEST_SCHEDULE_REQUESTS");
    const char *out_path = getenv("DNP_TEST_SCHEDULE_ANSWERS");
    FILE *in = in_path ? fopen(in_path, "r") : NULL;
    FILE *out = out_path ? fopen(out_path, "w") : NULL;
    int count = 0, consistent = 0;
    if (in != NULL && out != NULL) {
        char *line = NULL;
        size_t cap = 0;
        ssize_t n;
        while ((n = getline(&line, &cap, in)) > 0) {
            if (line[n - 1] == '\n') line[n - 1] = '\0';
            char *result = SENTINEL, *error = SENTINEL;
            int32_t s = dnp_schedule(line, &result, &error);
            count++;
            if ((s == DNP_OK && result != NULL && error == NULL) || (s != DNP_OK && result == NULL && error != NULL)) {
                consistent++;
            }
            fprintf(out, "%s\n", s == DNP_OK ? result : error);
            dnp_string_free(result);
            dnp_string_free(error);
        }
        free(line);
    }
    if (in != NULL) fclose(in);
    if (out != NULL) fclose(out);
    check(count > 0 && consistent == count,
          "dnp_schedule answers every schedule vector before dnp_init, status and strings consistent");

    char *result = SENTINEL, *error = SENTINEL;
    int32_t s = dnp_schedule("{\"platform\":\"ios\",\"zone\":\"UTC\",\"now\":0,\"event\":{\"type\":"
                             "\"scheduleDualNotification\",\"options\":{\"config\":{\"contentFetch\":"
                             "{\"enabled\":true,\"schedule\":\"*/5 * * * *\"}}}}}",
                             &result, &error);
    check(failed_with(s, DNP_UNSUPPORTED, result, error, "UNSUPPORTED"),
          "a non-daily schedule is DNP_UNSUPPORTED with its code in the error JSON");
    result = SENTINEL;
    error = SENTINEL;
    s = dnp_schedule(NULL, &result, &error);
    check(failed_with(s, DNP_INVALID_ARGUMENT, result, error, "INVALID_ARGUMENT"), "dnp_schedule(NULL) is INVALID_ARGUMENT");
}


/* The value of "state" in a schedule answer (a JSON object, braces matched outside strings),
 * malloc'd, or NULL. */
static char *state_of(const char *answer) {
    const char *at = answer ? strstr(answer, "\"state\":{") : NULL;
    if (!at) return NULL;
    at += strlen("\"state\":");
    int depth = 0, in_string = 0;
    for (const char *p = at; *p; p++) {
        if (in_string) {
            if (*p == '\\' && p[1]) p++;
            else if (*p == '"') in_string = 0;
        } else if (*p == '"') {
            in_string = 1;
        } else if (*p == '{') {
            depth++;
        } else if (*p == '}' && --depth == 0) {
            size_t n = (size_t)(p - at) + 1;
            char *out = malloc(n + 1);
            memcpy(out, at, n);
            out[n] = '\0';
            return out;
        }
    }
    return NULL;
}

static int occurrences(const char *haystack, const char *needle) {
    int n = 0;
    for (const char *p = haystack ? strstr(haystack, needle) : NULL; p; p = strstr(p + 1, needle)) n++;
    return n;
}

/* One iOS schedule event at `now` with `*state` (replaced by the answer's); the answer, or NULL. */
static char *ios_event(char **state, int64_t now, const char *event) {
    size_t n = strlen(event) + (*state ? strlen(*state) : 4) + 128;
    char *request = malloc(n);
    snprintf(request, n, "{\"platform\":\"ios\",\"zone\":\"UTC\",\"now\":%lld,\"state\":%s,\"event\":%s}",
             (long long)now, *state ? *state : "null", event);
    char *result = NULL, *error = NULL;
    int32_t s = dnp_schedule(request, &result, &error);
    free(request);
    dnp_string_free(error);
    if (s != DNP_OK) return NULL;
    free(*state);
    *state = state_of(result);
    return result;
}

/* Issue 14 on iOS over the C ABI: with fetching on and the default `skip`, the default is armed
 * for the coming days (48 within the 64-request limit) and the prefetch's content replaces the
 * day's request; cancelAllNotifications cancels the dual schedule, and the next launch re-arms
 * nothing. */
static void ios_schedule_delivery(void) {
    const int64_t now = 1780293600000LL;      /* 2026-06-01T06:00:00Z */
    const int64_t t = 1780318800000LL;        /* 13:00Z, the notification */
    char *state = NULL;
    char *a = ios_event(&state, now,
        "{\"type\":\"scheduleDualNotification\",\"options\":{\"config\":{"
        "\"contentFetch\":{\"enabled\":true,\"schedule\":\"55 12 * * *\"},"
        "\"userNotification\":{\"schedule\":\"0 13 * * *\",\"title\":\"New Activity\",\"body\":\"b\"}}}}");
    check(a && occurrences(a, "\"type\":\"addRequest\"") == 48 && contains(a, "\"id\":\"dnp.dual.20260601-1300Z\""),
          "iOS, fetch on, skip: the default is armed for 48 coming days");
    dnp_string_free(a);
    char event[256];
    snprintf(event, sizeof event,
             "{\"type\":\"prefetched\",\"outcome\":\"ok\",\"content\":{\"title\":\"News\",\"body\":\"b\",\"fetchedAt\":%lld}}",
             (long long)(t - 240000));
    a = ios_event(&state, t - 240000, event);
    check(a && occurrences(a, "\"type\":\"addRequest\"") == 1 && contains(a, "\"id\":\"dnp.dual.20260601-1300Z\"") &&
              contains(a, "\"source\":\"content\""),
          "iOS: the prefetch's content replaces that day's armed request");
    dnp_string_free(a);
    a = ios_event(&state, t - 120000, "{\"type\":\"cancelAllNotifications\"}");
    check(a && contains(a, "\"type\":\"removePending\"") && contains(a, "\"type\":\"cancelAllFetches\"") &&
              contains(a, "\"scheduled\":false"),
          "iOS: cancelAllNotifications removes the dual schedule's requests and its background fetch");
    dnp_string_free(a);
    a = ios_event(&state, t + 86400000LL, "{\"type\":\"load\"}");
    check(a && contains(a, "\"actions\":[]"), "iOS: after cancelAllNotifications the next launch arms nothing");
    dnp_string_free(a);
    free(state);
}

static void before_init(void) {
    char *result = SENTINEL, *error = SENTINEL;
    int32_t s = dnp_status(now_millis(), &result, &error);
    check(failed_with(s, DNP_NOT_INITIALIZED, result, error, "NOT_INITIALIZED"),
          "status before dnp_init is NOT_INITIALIZED and clears result_out");
    error = SENTINEL;
    s = dnp_set_http_settings("{}", &error);
    check(failed_with(s, DNP_NOT_INITIALIZED, NULL, error, "NOT_INITIALIZED"),
          "set_http_settings before dnp_init is NOT_INITIALIZED");
    check(dnp_clear(NULL) == DNP_NOT_INITIALIZED, "clear before dnp_init is NOT_INITIALIZED (NULL error_out allowed)");
    result = SENTINEL;
    s = dnp_prefetch(now_millis(), &result, NULL);
    check(s == DNP_NOT_INITIALIZED && result == NULL, "prefetch before dnp_init is NOT_INITIALIZED");
    result = SENTINEL;
    s = dnp_import_legacy_starred_plans("{\"starredPlanIds\":[]}", &result, &error);
    check(failed_with(s, DNP_NOT_INITIALIZED, result, error, "NOT_INITIALIZED"),
          "import_legacy_starred_plans before dnp_init is NOT_INITIALIZED");
    result = SENTINEL;
    s = dnp_diagnose("{}", now_millis(), &result, &error);
    check(failed_with(s, DNP_NOT_INITIALIZED, result, error, "NOT_INITIALIZED"), "diagnose before dnp_init is NOT_INITIALIZED");
    dnp_string_free(NULL);
}

static void init_bad_input(void) {
    TestWrapper w;
    char *error = SENTINEL;
    int32_t s = dnp_init(NULL, wrapper_of(&w), &error);
    check(failed_with(s, DNP_INVALID_ARGUMENT, NULL, error, "INVALID_ARGUMENT") && released(&w) == 1,
          "init with a NULL directory is INVALID_ARGUMENT and releases the wrapper once");

    const char bad_utf8[] = {'/', 't', 'm', 'p', '/', (char)0xff, (char)0xfe, 0};
    s = dnp_init(bad_utf8, wrapper_of(&w), &error);
    check(failed_with(s, DNP_INVALID_ARGUMENT, NULL, error, "INVALID_ARGUMENT") && released(&w) == 1,
          "init with a non-UTF-8 directory is INVALID_ARGUMENT");

    s = dnp_init("", wrapper_of(&w), &error);
    check(failed_with(s, DNP_INVALID_ARGUMENT, NULL, error, "INVALID_ARGUMENT"), "init with an empty directory is INVALID_ARGUMENT");

    DnpKeyWrapper partial = wrapper_of(&w);
    partial.unwrap = NULL;
    s = dnp_init(store("a"), partial, &error);
    int names_it = contains(error, "unwrap");
    check(failed_with(s, DNP_INVALID_ARGUMENT, NULL, error, "INVALID_ARGUMENT") && names_it && released(&w) == 1,
          "init with a wrapper lacking unwrap is INVALID_ARGUMENT, names it, releases once");

    DnpKeyWrapper no_release = wrapper_of(&w);
    no_release.release = NULL;
    check(dnp_init(NULL, no_release, NULL) == DNP_INVALID_ARGUMENT && released(&w) == 0,
          "a wrapper without release callback is accepted as such (NULL error_out)");

    char file[1100];
    snprintf(file, sizeof file, "%s/not-a-dir", work_dir);
    FILE *f = fopen(file, "w");
    if (f) fclose(f);
    char sub[1200];
    snprintf(sub, sizeof sub, "%s/store", file);
    s = dnp_init(sub, wrapper_of(&w), &error);
    check(failed_with(s, DNP_STORE_IO, NULL, error, "STORE_IO") && released(&w) == 1,
          "init under a regular file is STORE_IO");
    check(dnp_status(now_millis(), &(char *){NULL}, NULL) == DNP_NOT_INITIALIZED,
          "a failed init leaves the library uninitialized");
}

static TestWrapper main_wrapper;

/* The old plugin's starred plan ids (what Swift's LegacyState hands over): imported into an empty
 * list, never over the app's own, unreadable values left alone. Leaves the list as [p1, p2]. */
static void legacy_starred_plans(void) {
    char *result = SENTINEL, *error = SENTINEL;
    check(dnp_import_legacy_starred_plans("{\"starredPlanIds\":\"[\\\"old\\\"]\"}", &result, &error) == DNP_OK &&
              contains(result, "\"outcome\":\"kept_current\"") && contains(result, "\"deleteLegacy\":true"),
          "import_legacy_starred_plans keeps the plugin's own list and says to delete the old key");
    dnp_string_free(result);

    check(dnp_update_starred_plans("{\"planIds\":[]}", &result, &error) == DNP_OK, "starred plans emptied");
    dnp_string_free(result);
    check(dnp_import_legacy_starred_plans("{\"starredPlanIds\":[\"old1\",\"old2\"]}", &result, &error) == DNP_OK &&
              contains(result, "\"outcome\":\"imported\"") && contains(result, "\"imported\":2"),
          "import_legacy_starred_plans imports the old ids into an empty list");
    dnp_string_free(result);
    check(dnp_get_starred_plans(&result, &error) == DNP_OK && strcmp(result, "{\"planIds\":[\"old1\",\"old2\"]}") == 0,
          "the imported ids are the starred plans");
    dnp_string_free(result);

    check(dnp_update_starred_plans("{\"planIds\":[]}", &result, &error) == DNP_OK, "starred plans emptied again");
    dnp_string_free(result);
    check(dnp_import_legacy_starred_plans("{\"starredPlanIds\":false}", &result, &error) == DNP_OK &&
              contains(result, "\"outcome\":\"unreadable\"") && contains(result, "\"deleteLegacy\":false"),
          "an unreadable old value is left in place");
    dnp_string_free(result);

    result = SENTINEL;
    int32_t s = dnp_import_legacy_starred_plans(NULL, &result, &error);
    check(failed_with(s, DNP_INVALID_ARGUMENT, result, error, "INVALID_ARGUMENT"), "a NULL legacy input is INVALID_ARGUMENT");

    check(dnp_update_starred_plans("{\"planIds\":[\"p1\",\"p2\"]}", &result, &error) == DNP_OK, "starred plans restored");
    dnp_string_free(result);
}

/* getDiagnostics' verdict (what Swift's getDiagnostics hands over): the platform's facts and the
 * core's own status of an unconfigured store, with the reasons by code. */
static void diagnose_unconfigured(void) {
    char *result = SENTINEL, *error = SENTINEL;
    check(dnp_diagnose("{\"notificationsPermitted\":true,\"notificationScheduled\":true,\"fetchScheduled\":true,"
                       "\"backgroundRefresh\":\"denied\",\"lowPowerMode\":false,\"backgroundTaskRegistered\":false}",
                       now_millis(), &result, &error) == DNP_OK &&
              contains(result, "\"willNotify\":true") && contains(result, "\"freshContentExpected\":false") &&
              contains(result, "{\"code\":\"BACKGROUND_REFRESH_OFF\",\"effect\":\"stale\"}") &&
              contains(result, "BACKGROUND_TASK_NOT_REGISTERED") && contains(result, "FETCHER_NOT_CONFIGURED") &&
              !contains(result, "LOW_POWER_MODE") && contains(result, "\"fetcher\":{\"configured\":false"),
          "diagnose: the notification comes, stale, with Background App Refresh off, no task and no pool");
    dnp_string_free(result);
    check(dnp_diagnose("{\"notificationsPermitted\":false}", now_millis(), &result, &error) == DNP_OK &&
              contains(result, "\"willNotify\":false") && contains(result, "{\"code\":\"NOTIFICATIONS_DENIED\",\"effect\":\"blocks\"}"),
          "diagnose: denied notifications block");
    dnp_string_free(result);
    result = SENTINEL;
    int32_t s = dnp_diagnose("{\"lowPowerMode\":\"yes\"}", now_millis(), &result, &error);
    check(failed_with(s, DNP_INVALID_ARGUMENT, result, error, "INVALID_ARGUMENT"), "diagnose: a fact of the wrong type is INVALID_ARGUMENT");
    s = dnp_diagnose("{\"unknownFact\":1}", now_millis(), &result, &error);
    check(failed_with(s, DNP_INVALID_ARGUMENT, result, error, "INVALID_ARGUMENT"), "diagnose: an unknown fact is INVALID_ARGUMENT");
    s = dnp_diagnose(NULL, now_millis(), &result, &error);
    check(failed_with(s, DNP_INVALID_ARGUMENT, result, error, "INVALID_ARGUMENT"), "diagnose: NULL facts are INVALID_ARGUMENT");
}

static void local_operations(void) {
    char *result = NULL, *error = NULL;
    check(dnp_init(store("a"), wrapper_of(&main_wrapper), &error) == DNP_OK && error == NULL, "init opens a store");
    struct stat st;
    check(stat(store("a"), &st) == 0 && S_ISDIR(st.st_mode), "init creates the store directory");

    TestWrapper again;
    check(dnp_init(store("a"), wrapper_of(&again), NULL) == DNP_OK && released(&again) == 1 &&
              released(&main_wrapper) == 0,
          "init with the same directory is a no-op that releases only the new wrapper");
    char slash[1200];
    snprintf(slash, sizeof slash, "%s/", store("a"));
    check(dnp_init(slash, wrapper_of(&again), NULL) == DNP_OK && released(&again) == 1 &&
              released(&main_wrapper) == 0,
          "the same directory with a trailing slash is the same store");

    check(dnp_status(now_millis(), &result, &error) == DNP_OK && error == NULL &&
              contains(result, "\"configured\":false") && contains(result, "\"needsConfigure\":true"),
          "status of a new store: not configured, needs configure");
    dnp_string_free(result);
    diagnose_unconfigured();

    check(dnp_get_starred_plans(&result, &error) == DNP_OK && result && strcmp(result, "{\"planIds\":[]}") == 0,
          "starred plans of a new store are empty");
    dnp_string_free(result);

    check(dnp_update_starred_plans("{\"planIds\":[\"p1\",\"p2\",\"p1\"]}", &result, &error) == DNP_OK &&
              result && strcmp(result, "{\"planIds\":[\"p1\",\"p2\"]}") == 0,
          "update_starred_plans stores and returns the ids once each");
    dnp_string_free(result);
    check(main_wrapper.wraps == 1, "the first write wraps a new data key through the callback");

    result = SENTINEL;
    int32_t s = dnp_update_starred_plans("{\"planIds\": [", &result, &error);
    check(failed_with(s, DNP_INVALID_ARGUMENT, result, error, "INVALID_ARGUMENT"), "malformed JSON is INVALID_ARGUMENT");
    s = dnp_update_starred_plans("{\"ids\":[]}", &result, &error);
    check(failed_with(s, DNP_INVALID_ARGUMENT, result, error, "INVALID_ARGUMENT"), "a missing field is INVALID_ARGUMENT");
    s = dnp_update_starred_plans(NULL, &result, &error);
    check(failed_with(s, DNP_INVALID_ARGUMENT, result, error, "INVALID_ARGUMENT"), "a NULL input is INVALID_ARGUMENT");
    const char bad_utf8[] = {'{', '"', 'p', 'l', 'a', 'n', 'I', 'd', 's', '"', ':', '[', '"', (char)0xc3, (char)0x28, '"', ']', '}', 0};
    s = dnp_update_starred_plans(bad_utf8, &result, &error);
    check(failed_with(s, DNP_INVALID_ARGUMENT, result, error, "INVALID_ARGUMENT"), "non-UTF-8 input is INVALID_ARGUMENT");
    s = dnp_update_starred_plans("{\"planIds\":[\"  \"]}", &result, &error);
    check(failed_with(s, DNP_INVALID_PLAN_ID, result, error, "INVALID_PLAN_ID"), "a blank plan id is INVALID_PLAN_ID");

    error = SENTINEL;
    s = dnp_update_starred_plans("{\"planIds\":[\"p9\"]}", NULL, &error);
    check(failed_with(s, DNP_INVALID_ARGUMENT, NULL, error, "INVALID_ARGUMENT"), "a NULL result_out is INVALID_ARGUMENT");
    dnp_get_starred_plans(&result, NULL);
    check(result && strcmp(result, "{\"planIds\":[\"p1\",\"p2\"]}") == 0,
          "nothing was stored by the call refused for its NULL result_out");
    dnp_string_free(result);

    check(dnp_update_starred_plans("{\"planIds\":[\"\"]}", &result, NULL) == DNP_INVALID_PLAN_ID && result == NULL,
          "a NULL error_out still gets the status");

    legacy_starred_plans();

    s = dnp_acquire_token(now_millis(), &result, &error);
    check(failed_with(s, DNP_NOT_CONFIGURED, result, error, "NOT_CONFIGURED"), "acquire_token before configure is NOT_CONFIGURED");

    check(dnp_prefetch(now_millis(), &result, &error) == DNP_OK && contains(result, "\"outcome\":\"not_configured\""),
          "prefetch before configure is the outcome not_configured");
    dnp_string_free(result);

    s = dnp_configure("{\"apiBaseUrl\":\"http://example.com\",\"activeDid\":\"did:ethr:0x1\",\"jwtToken\":\"x\"}",
                      now_millis(), &result, &error);
    check(failed_with(s, DNP_INVALID_API_BASE_URL, result, error, "INVALID_API_BASE_URL"),
          "configure with plain http to a public host is INVALID_API_BASE_URL");
    s = dnp_configure("{\"apiBaseUrl\":\"https://api.endorser.ch\",\"activeDid\":\"nope\",\"jwtToken\":\"x\"}",
                      now_millis(), &result, &error);
    check(failed_with(s, DNP_INVALID_ACTIVE_DID, result, error, "INVALID_ACTIVE_DID"), "configure with a bad DID is INVALID_ACTIVE_DID");
    s = dnp_configure("{\"apiBaseUrl\":\"https://api.endorser.ch\",\"activeDid\":\"did:ethr:0x1\"}", now_millis(), &result, &error);
    check(failed_with(s, DNP_NO_USABLE_TOKENS, result, error, "NO_USABLE_TOKENS"), "configure without tokens is NO_USABLE_TOKENS");
    s = dnp_configure(NULL, now_millis(), &result, &error);
    check(failed_with(s, DNP_INVALID_ARGUMENT, result, error, "INVALID_ARGUMENT"), "configure with NULL is INVALID_ARGUMENT");

    error = SENTINEL;
    s = dnp_set_http_settings("{\"connectTimeoutMillis\":0}", &error);
    check(failed_with(s, DNP_INVALID_ARGUMENT, NULL, error, "INVALID_ARGUMENT"), "a zero timeout is INVALID_ARGUMENT");
    s = dnp_set_http_settings("not json", &error);
    check(failed_with(s, DNP_INVALID_ARGUMENT, NULL, error, "INVALID_ARGUMENT"), "set_http_settings with non-JSON is INVALID_ARGUMENT");
    s = dnp_set_http_settings(NULL, &error);
    check(failed_with(s, DNP_INVALID_ARGUMENT, NULL, error, "INVALID_ARGUMENT"), "set_http_settings with NULL is INVALID_ARGUMENT");
    check(dnp_set_http_settings("{}", NULL) == DNP_OK, "set_http_settings with defaults succeeds");
}

static void *status_many_times(void *arg) {
    (void)arg;
    intptr_t ok = 0;
    for (int i = 0; i < 10; i++) {
        char *result = NULL;
        if (dnp_get_starred_plans(&result, NULL) == DNP_OK && contains(result, "p1")) ok++;
        dnp_string_free(result);
    }
    return (void *)ok;
}

static void concurrent_calls(void) {
    pthread_t threads[4];
    intptr_t total = 0;
    for (int i = 0; i < 4; i++) pthread_create(&threads[i], NULL, status_many_times, NULL);
    for (int i = 0; i < 4; i++) {
        void *ok;
        pthread_join(threads[i], &ok);
        total += (intptr_t)ok;
    }
    check(total == 40, "40 calls from 4 threads at once all succeed");
}

static void against_the_double(void) {
    const char *base = getenv("DNP_TEST_BASE_URL");
    const char *plans = getenv("DNP_TEST_PLAN_IDS");
    const char *did = getenv("DNP_TEST_DID");
    char *ca = read_file(getenv("DNP_TEST_CA_FILE"));
    load_tokens(getenv("DNP_TEST_TOKENS_FILE"));
    if (!base || !plans || !did || !ca || token_count < 3) {
        check(0, "the double's address, plan ids, CA and at least 3 tokens are given (run via tests/ios/run.sh)");
        free(ca);
        return;
    }
    char *result = NULL, *error = NULL;

    char *opts = configure_json(base, "did:ethr:0x000000000000000000000000000000000000dEaD", 3, NULL, plans);
    int32_t s = dnp_configure(opts, now_millis(), &result, &error);
    int clean = no_token_in(error);
    check(failed_with(s, DNP_NO_USABLE_TOKENS, result, error, "NO_USABLE_TOKENS") && clean,
          "tokens of another DID are NO_USABLE_TOKENS, and the error quotes no part of a token");
    free(opts);

    opts = configure_json(base, did, 3, "not-a-jwt", plans);
    s = dnp_configure(opts, now_millis(), &result, &error);
    free(opts);
    check(s == DNP_OK && contains(result, "\"accepted\":3") &&
              contains(result, "\"rejected\":[{\"index\":3,\"reason\":\"MALFORMED\"}]") && no_token_in(result),
          "configure accepts 3 tokens and rejects the malformed 4th by index");
    dnp_string_free(result);

    check(dnp_prefetch(now_millis(), &result, &error) == DNP_OK && contains(result, "\"outcome\":\"retry\"") &&
              no_token_in(result),
          "prefetch without trusting the double's CA is a retry (TLS refused)");
    dnp_string_free(result);

    size_t len = 0, cap = 256;
    char *settings = malloc(cap);
    settings[0] = 0;
    append(&settings, &len, &cap, "{\"connectTimeoutMillis\":5000,\"requestTimeoutMillis\":20000,\"extraRootsPem\":[");
    append_json_string(&settings, &len, &cap, ca);
    append(&settings, &len, &cap, "]}");
    check(dnp_set_http_settings(settings, &error) == DNP_OK && error == NULL, "set_http_settings trusts the double's CA");
    free(settings);
    free(ca);

    check(dnp_prefetch(now_millis(), &result, &error) == DNP_OK && contains(result, "\"outcome\":\"ok\"") &&
              contains(result, "\"httpStatus\":200") && contains(result, "\"changedPlans\":2") &&
              contains(result, "\"notification\":{\"title\":") && no_token_in(result),
          "prefetch against the double: ok, 2 changed plans, a notification");
    char *delivery = delivery_of(result);
    dnp_string_free(result);

    check(dnp_prefetch_within(now_millis(), 10000, &result, &error) == DNP_OK &&
              contains(result, "\"outcome\":\"ok\"") && contains(result, "\"changedPlans\":2"),
          "prefetch_within: until delivery is acknowledged, the same changes are carried again");
    dnp_string_free(result);
    s = dnp_prefetch_within(now_millis(), 0, &result, &error);
    check(failed_with(s, DNP_INVALID_ARGUMENT, result, error, "INVALID_ARGUMENT"),
          "prefetch_within refuses a deadline of 0 ms");

    s = dnp_acknowledge_delivery(delivery, &result, &error);
    check(s == DNP_OK && delivery && strstr(result, delivery + 1) != NULL,
          "acknowledge_delivery moves the cursor to the notification's");
    dnp_string_free(result);
    free(delivery);
    s = dnp_acknowledge_delivery("{}", &result, &error);
    check(failed_with(s, DNP_INVALID_ARGUMENT, result, error, "INVALID_ARGUMENT"),
          "acknowledge_delivery without a cursor is INVALID_ARGUMENT");

    check(dnp_prefetch(now_millis(), &result, &error) == DNP_OK && contains(result, "\"outcome\":\"no_changes\""),
          "a second prefetch after the cursor moved: no_changes");
    dnp_string_free(result);

    check(dnp_status(now_millis(), &result, &error) == DNP_OK && contains(result, "\"configured\":true") &&
              contains(result, "\"needsConfigure\":false") && contains(result, "\"size\":3") &&
              contains(result, "\"outcome\":\"no_changes\"") && no_token_in(result),
          "status: configured, a pool of 3, the last prefetch recorded, no token in it");
    dnp_string_free(result);

    s = dnp_acquire_token(now_millis(), &result, &error);
    int known = 0;
    for (int i = 0; i < 3 && s == DNP_OK; i++) {
        char quoted[2100];
        snprintf(quoted, sizeof quoted, "\"token\":\"%s\"", tokens[i]);
        known |= contains(result, quoted);
    }
    check(s == DNP_OK && known && contains(result, "\"expiresAt\":\""), "acquire_token returns one of the pool's tokens and its expiry");
    dnp_string_free(result);
}

static void key_wrapper_failures(void) {
    char *result = NULL, *error = NULL;
    TestWrapper via, failing, oversized, lost, recovered;

    check(reopen(store("a"), &via, &failing) && released(&main_wrapper) == 1,
          "init with another directory replaces the store and releases the old wrapper once");
    failing.unwrap_mode = UNWRAP_FAIL;
    check(dnp_status(now_millis(), &result, &error) == DNP_OK && contains(result, "\"needsConfigure\":true") &&
              contains(result, "\"storeError\":{\"code\":\"KEY_WRAPPER_FAILED\""),
          "a failing unwrap callback shows in status as storeError KEY_WRAPPER_FAILED");
    dnp_string_free(result);
    int32_t s = dnp_get_starred_plans(&result, &error);
    check(failed_with(s, DNP_KEY_WRAPPER_FAILED, result, error, "KEY_WRAPPER_FAILED"), "a failing unwrap makes reads KEY_WRAPPER_FAILED");

    check(reopen(store("a"), &via, &oversized), "reopen with a wrapper that overstates its output");
    oversized.unwrap_mode = UNWRAP_OVERSIZED;
    s = dnp_get_starred_plans(&result, &error);
    check(failed_with(s, DNP_KEY_WRAPPER_FAILED, result, error, "KEY_WRAPPER_FAILED"),
          "an output length over the buffer is refused (KEY_WRAPPER_FAILED), not trusted");

    check(reopen(store("a"), &via, &lost), "reopen after the key is lost");
    pthread_mutex_lock(&keychain.lock);
    keychain.present = 0;
    pthread_mutex_unlock(&keychain.lock);
    check(dnp_status(now_millis(), &result, &error) == DNP_OK && contains(result, "\"needsConfigure\":true") &&
              contains(result, "\"storeError\":{\"code\":\"KEY_UNAVAILABLE\""),
          "a lost key shows as KEY_UNAVAILABLE and needsConfigure");
    dnp_string_free(result);
    s = dnp_get_starred_plans(&result, &error);
    check(failed_with(s, DNP_KEY_UNAVAILABLE, result, error, "KEY_UNAVAILABLE"), "reads with a lost key are KEY_UNAVAILABLE");
    check(dnp_prefetch(now_millis(), &result, &error) == DNP_OK && contains(result, "\"outcome\":\"not_configured\""),
          "prefetch with a lost key is the outcome not_configured");
    dnp_string_free(result);

    char *opts = token_count >= 3 ? configure_json("https://api.endorser.ch", getenv("DNP_TEST_DID"), 3, NULL, NULL) : NULL;
    check(opts && dnp_configure(opts, now_millis(), &result, &error) == DNP_OK && contains(result, "\"accepted\":3"),
          "configure replaces a store whose key was lost");
    dnp_string_free(result);
    free(opts);
    check(dnp_status(now_millis(), &result, &error) == DNP_OK && contains(result, "\"needsConfigure\":false") &&
              contains(result, "\"storeError\":null"),
          "after that configure the store is readable again");
    dnp_string_free(result);
    development_http();

    TestWrapper no_wrap;
    check(dnp_init(store("b"), wrapper_of(&no_wrap), NULL) == DNP_OK, "init a second store");
    no_wrap.fail_wrap = 1;
    s = dnp_update_starred_plans("{\"planIds\":[\"p1\"]}", &result, &error);
    check(failed_with(s, DNP_KEY_WRAPPER_FAILED, result, error, "KEY_WRAPPER_FAILED"), "a failing wrap callback is KEY_WRAPPER_FAILED");
    struct stat st;
    char vault[1200];
    snprintf(vault, sizeof vault, "%s/vault.state", store("b"));
    check(stat(vault, &st) != 0, "nothing is written when the key cannot be wrapped");

    check(reopen(store("a"), &via, &recovered), "reopen the configured store");
    recovered.fail_delete = 1;
    s = dnp_clear(&error);
    check(failed_with(s, DNP_KEY_WRAPPER_FAILED, NULL, error, "KEY_WRAPPER_FAILED"), "clear reports a failing delete callback");
    recovered.fail_delete = 0;
    int deletes = recovered.deletes;
    check(dnp_clear(&error) == DNP_OK && error == NULL && recovered.deletes == deletes + 1, "clear deletes the key through the callback");
    check(dnp_status(now_millis(), &result, &error) == DNP_OK && contains(result, "\"configured\":false") &&
              contains(result, "\"storeError\":null"),
          "after clear the store is empty, not broken");
    dnp_string_free(result);

    check(dnp_shutdown() == DNP_OK && released(&recovered) == 1, "shutdown releases the current wrapper");
    s = dnp_get_starred_plans(&result, &error);
    check(failed_with(s, DNP_NOT_INITIALIZED, result, error, "NOT_INITIALIZED"), "calls after shutdown are NOT_INITIALIZED");
    check(dnp_shutdown() == DNP_OK, "a second shutdown is harmless");

    TestWrapper *all[] = {&main_wrapper, &failing, &oversized, &lost, &no_wrap, &recovered};
    int once = 1;
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) once &= released(all[i]) == 1;
    check(once && released(&via) == 1, "every wrapper given to dnp_init was released exactly once");
}

int main(void) {
    const char *dir = getenv("DNP_TEST_WORK_DIR");
    if (!dir || strlen(dir) >= sizeof work_dir - 64) {
        fprintf(stderr, "DNP_TEST_WORK_DIR must name an empty directory (run via tests/ios/run.sh)\n");
        printf("0 passed, 1 failed\n");
        return 1;
    }
    strcpy(work_dir, dir);
    for (int i = 0; i < 32; i++) keychain.kek[i] = (unsigned char)(0x5a ^ (i * 29));

    schedule_vectors();
    ios_schedule_delivery();
    before_init();
    init_bad_input();
    local_operations();
    concurrent_calls();
    against_the_double();
    key_wrapper_failures();

    for (int i = 0; i < token_count; i++) free(tokens[i]);
    printf("%d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
