#ifndef FORMPIPE_CLIBXML2_SHIM_H
#define FORMPIPE_CLIBXML2_SHIM_H

#include <libxml/xmlversion.h>
/* Debian builds libxml2 with ICU; its headers would then drag system ICU into every module
   that also imports Foundation and clash on a clean build ("UErrorCode has different
   definitions"). formpipe never touches the ICU-backed encoders, so hide them. */
#undef LIBXML_ICU_ENABLED

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/HTMLparser.h>
#include <libxml/xmlwriter.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlerror.h>

/* Imported C globals are not concurrency-safe in Swift 6; reach them through functions. */
static inline void formpipe_xml_free(void *pointer) { xmlFree(pointer); }

/* The calling thread's structured error handler and its context (libxml2 keeps them per
   thread), so a caller that installs its own handler can put the previous one back. */
static inline xmlStructuredErrorFunc formpipe_xml_structured_error_handler(void) { return xmlStructuredError; }
static inline void *formpipe_xml_structured_error_context(void) { return xmlStructuredErrorContext; }

#endif
