// Debian's libxml2 is built with ICU, and its encoding header then includes
// ICU's headers, whose types clash with Foundation's own copy of ICU in clean
// debug builds ("'UErrorCode' has different definitions"). The reader API needs
// no ICU type, so the flag is dropped after xmlversion.h has set it.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/xmlreader.h>
#include <libxml/xmlerror.h>
