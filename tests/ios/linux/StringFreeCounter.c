#include <stdatomic.h>
#include "StringFreeCounter.h"

void __real_dnp_string_free(char *s);

static atomic_size_t freed;

void __wrap_dnp_string_free(char *s) {
    if (s != NULL) atomic_fetch_add(&freed, 1);
    __real_dnp_string_free(s);
}

size_t dnp_test_freed_strings(void) { return atomic_load(&freed); }
