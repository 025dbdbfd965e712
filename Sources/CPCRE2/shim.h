// PCRE2 with 8-bit code units (UTF-8): the `pcre2_*` names map to the `_8` functions.
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
