#ifndef DOCCTL_XML_H
#define DOCCTL_XML_H

/*
 * A small, safe layer over libxml2 for docctl.
 *
 * This header deliberately includes no libxml header: Debian's libxml2 headers pull in
 * ICU, whose declarations clash with Foundation's own ICU when both reach Swift. Every
 * libxml2 type stays behind an incomplete struct, and every libxml2 call lives in
 * docctl_xml.c.
 *
 * None of these functions is thread-safe: libxml2 keeps global state, so the caller must
 * serialise every call (the Swift layer holds one lock around all of them).
 */

#include <stddef.h>

/* Opaque handles. Nodes and attributes are borrowed: they live as long as their document. */
typedef struct docctl_xml_doc docctl_xml_doc;
typedef struct docctl_xml_node docctl_xml_node;
typedef struct docctl_xml_attr docctl_xml_attr;
typedef struct docctl_xml_schema docctl_xml_schema;
typedef struct docctl_xml_errors docctl_xml_errors;

/* Error levels, the same numbers as libxml2's xmlErrorLevel. */
#define DOCCTL_XML_LEVEL_WARNING 1
#define DOCCTL_XML_LEVEL_ERROR 2
#define DOCCTL_XML_LEVEL_FATAL 3

/* Error codes docctl adds; libxml2's own codes are zero or positive. */
#define DOCCTL_XML_CODE_ENTITY_DECLARATION (-1)
#define DOCCTL_XML_CODE_EXTERNAL_RESOURCE (-2)
#define DOCCTL_XML_CODE_EMPTY_DOCUMENT (-3)
#define DOCCTL_XML_CODE_TOO_LARGE (-4)
#define DOCCTL_XML_CODE_LIBRARY_MESSAGE (-5)

/* Node kinds as seen by docctl: CDATA counts as text; comments and PIs are "other". */
#define DOCCTL_XML_NODE_OTHER 0
#define DOCCTL_XML_NODE_ELEMENT 1
#define DOCCTL_XML_NODE_TEXT 2

/* One problem reported by libxml2 (or by docctl's own checks) during one call. */
typedef struct docctl_xml_error {
    int level;           /* DOCCTL_XML_LEVEL_* */
    int code;            /* libxml2's xmlParserErrors, or DOCCTL_XML_CODE_* */
    int line;            /* 1-based; 0 when unknown */
    int column;          /* 1-based; 0 when unknown */
    const char *message; /* UTF-8, without a trailing newline; owned by the list */
} docctl_xml_error;

/* MARK: Error lists: one per call, so nothing leaks from one call into the next. */

docctl_xml_errors *docctl_xml_errors_new(void);
void docctl_xml_errors_free(docctl_xml_errors *errors);
size_t docctl_xml_errors_count(const docctl_xml_errors *errors);
/* The error at index (< count); valid until the list is freed. */
const docctl_xml_error *docctl_xml_errors_get(const docctl_xml_errors *errors, size_t index);

/* MARK: Library */

/* Initialises libxml2 once; harmless to call before every use. */
void docctl_xml_initialize(void);
/* Frees memory that this layer returned as owned (serialised output, attribute values). */
void docctl_xml_free(void *pointer);

/* MARK: Reading */

/*
 * Parses a document from memory without network access, DTD loading or entity
 * substitution. Any entity declaration (general or parameter) is refused before it is
 * registered. Returns NULL when the document is not well-formed or any error was reported;
 * the reasons are appended to errors. Free the result with docctl_xml_doc_free.
 */
docctl_xml_doc *docctl_xml_parse(const char *buffer, size_t length, docctl_xml_errors *errors);
void docctl_xml_doc_free(docctl_xml_doc *doc);
docctl_xml_node *docctl_xml_doc_root(docctl_xml_doc *doc);

int docctl_xml_node_kind(const docctl_xml_node *node);
/* Local name of an element (no prefix). */
const char *docctl_xml_node_name(const docctl_xml_node *node);
/* Namespace URI of an element, or NULL. */
const char *docctl_xml_node_namespace(const docctl_xml_node *node);
/* Content of a text node (borrowed), or NULL for other kinds. */
const char *docctl_xml_node_text(const docctl_xml_node *node);
/* Line of the node in the source, 1-based; 0 when unknown. Saturates at 65535 for elements. */
long docctl_xml_node_line(const docctl_xml_node *node);
docctl_xml_node *docctl_xml_node_first_child(const docctl_xml_node *node);
docctl_xml_node *docctl_xml_node_next_sibling(const docctl_xml_node *node);

/* Attributes in document order; namespace declarations (xmlns) are not attributes. */
docctl_xml_attr *docctl_xml_node_first_attribute(const docctl_xml_node *node);
docctl_xml_attr *docctl_xml_attr_next(const docctl_xml_attr *attr);
const char *docctl_xml_attr_name(const docctl_xml_attr *attr);
const char *docctl_xml_attr_namespace(const docctl_xml_attr *attr);
/* The attribute's value, owned by the caller: free it with docctl_xml_free. */
char *docctl_xml_attr_value(const docctl_xml_attr *attr);

/* MARK: XSD validation */

/*
 * Compiles a W3C XML Schema from memory. The buffer is copied and kept alive with the
 * schema. The schema document is parsed with docctl_xml_parse's safe options first, and no
 * external resource (xs:include, xs:import, xs:redefine) is ever loaded.
 * Returns NULL on failure; the reasons are appended to errors, and *well_formed (if not NULL)
 * tells whether the failure came after the schema text was parsed.
 */
docctl_xml_schema *docctl_xml_schema_new(const char *buffer, size_t length, docctl_xml_errors *errors,
                                         int *well_formed);
void docctl_xml_schema_free(docctl_xml_schema *schema);
/* 0 when valid, 1 when invalid (reasons appended to errors), -1 on an internal failure. */
int docctl_xml_schema_validate(docctl_xml_schema *schema, docctl_xml_doc *doc, docctl_xml_errors *errors);

/* MARK: Writing */

docctl_xml_doc *docctl_xml_doc_new(void);
/*
 * Adds an element with a local name and an optional namespace URI (NULL or "" for none)
 * under parent, or as the root element when parent is NULL. The namespace becomes the
 * element's default namespace, declared only where it changes. Returns NULL when name is
 * not a valid NCName.
 */
docctl_xml_node *docctl_xml_add_element(docctl_xml_doc *doc, docctl_xml_node *parent,
                                        const char *namespace_uri, const char *name);
/*
 * Sets an attribute (replacing one with the same name and namespace). A namespaced
 * attribute gets a prefix in scope, or a new one declared on this element ("xml" and "xsi"
 * where they apply, otherwise ns1, ns2, ...). Returns 0, or -1 when name is not a valid NCName
 * or the attribute would be a namespace declaration (xmlns, xmlns:p).
 */
int docctl_xml_set_attribute(docctl_xml_node *node, const char *namespace_uri,
                             const char *name, const char *value);
/* Appends UTF-8 text (length bytes) as a child of node. Returns 0, or -1 on failure. */
int docctl_xml_add_text(docctl_xml_node *node, const char *text, size_t length);
/*
 * Serialises as UTF-8 with an XML declaration, indented by two spaces where an element has
 * no text children. The result is owned by the caller (docctl_xml_free); NULL on failure.
 */
unsigned char *docctl_xml_doc_serialize(docctl_xml_doc *doc, size_t *length);

#endif
