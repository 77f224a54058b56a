/*
 * docctl's libxml2 layer. See include/docctl_xml.h for the contract.
 *
 * Safety rules kept here, in one place:
 *  - documents are parsed with XML_PARSE_NONET and without XML_PARSE_NOENT,
 *    XML_PARSE_DTDLOAD, XML_PARSE_DTDATTR, XML_PARSE_DTDVALID or XML_PARSE_HUGE;
 *  - any <!ENTITY> declaration stops the parse before libxml2 registers it, which rules out
 *    "billion laughs" expansion and external entities (file://, http://) in one stroke;
 *  - during every call an external entity loader that refuses everything is installed, so
 *    neither a DTD nor an xs:import/xs:include can make libxml2 read a file or the network;
 *  - errors go to a per-call list (structured error handler set at the start of each call
 *    and restored at its end), never to stderr and never into the next call.
 */

#include "docctl_xml.h"

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlIO.h>
#include <libxml/xmlmemory.h>
#include <libxml/xmlsave.h>
#include <libxml/xmlschemas.h>

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* NOBLANKS drops whitespace-only text between elements (indentation); NOCDATA turns CDATA
 * sections into plain text, which is all docctl needs from them. */
static const int safe_parse_options =
    XML_PARSE_NONET | XML_PARSE_NOBLANKS | XML_PARSE_NOCDATA;

/* A hostile document can produce an error per element; keep the list bounded. */
enum { max_errors = 1000 };

static const char xsi_namespace[] = "http://www.w3.org/2001/XMLSchema-instance";
static const char xmlns_namespace[] = "http://www.w3.org/2000/xmlns/";

/* MARK: - Error lists */

struct docctl_xml_errors {
    docctl_xml_error *items;
    size_t count;
    size_t capacity;
    int truncated;
};

docctl_xml_errors *docctl_xml_errors_new(void) {
    return calloc(1, sizeof(docctl_xml_errors));
}

void docctl_xml_errors_free(docctl_xml_errors *errors) {
    if (errors == NULL) return;
    for (size_t i = 0; i < errors->count; i++) free((void *)errors->items[i].message);
    free(errors->items);
    free(errors);
}

size_t docctl_xml_errors_count(const docctl_xml_errors *errors) {
    return errors == NULL ? 0 : errors->count;
}

const docctl_xml_error *docctl_xml_errors_get(const docctl_xml_errors *errors, size_t index) {
    if (errors == NULL || index >= errors->count) return NULL;
    return &errors->items[index];
}

/* Copies message without its trailing whitespace (libxml2 ends messages with "\n"). */
static char *trimmed_copy(const char *message) {
    if (message == NULL) message = "unknown libxml2 error";
    size_t length = strlen(message);
    while (length > 0 && (message[length - 1] == '\n' || message[length - 1] == '\r' ||
                          message[length - 1] == ' ' || message[length - 1] == '\t')) {
        length--;
    }
    char *copy = malloc(length + 1);
    if (copy == NULL) return NULL;
    memcpy(copy, message, length);
    copy[length] = '\0';
    return copy;
}

static void add_error(docctl_xml_errors *errors, int level, int code, int line, int column,
                      const char *message) {
    if (errors == NULL || errors->truncated) return;
    if (errors->count == max_errors) {
        /* Say once that the list is cut short, then ignore the rest. */
        errors->truncated = 1;
        level = DOCCTL_XML_LEVEL_WARNING;
        code = DOCCTL_XML_CODE_LIBRARY_MESSAGE;
        line = 0;
        column = 0;
        message = "too many XML errors; only the first ones are listed";
    }
    if (errors->count == errors->capacity) {
        size_t capacity = errors->capacity == 0 ? 8 : errors->capacity * 2;
        docctl_xml_error *items = realloc(errors->items, capacity * sizeof(docctl_xml_error));
        if (items == NULL) return;
        errors->items = items;
        errors->capacity = capacity;
    }
    char *copy = trimmed_copy(message);
    if (copy == NULL) return;
    errors->items[errors->count++] = (docctl_xml_error){
        .level = level, .code = code, .line = line < 0 ? 0 : line,
        .column = column < 0 ? 0 : column, .message = copy,
    };
}

static int has_errors_since(const docctl_xml_errors *errors, size_t start) {
    for (size_t i = start; i < docctl_xml_errors_count(errors); i++) {
        if (errors->items[i].level >= DOCCTL_XML_LEVEL_ERROR) return 1;
    }
    return 0;
}

/* MARK: - Call scope: handlers installed for one call and restored afterwards */

typedef struct call_scope {
    docctl_xml_errors *errors;
    xmlStructuredErrorFunc saved_structured;
    void *saved_structured_context;
    xmlGenericErrorFunc saved_generic;
    void *saved_generic_context;
    xmlExternalEntityLoader saved_loader;
    struct call_scope *outer;
} call_scope;

/* The innermost active scope of this thread; only non-NULL during a call. The external
 * entity loader needs it because libxml2 hands the loader no user data. */
static _Thread_local call_scope *active_scope;

static void collect_structured(void *context, xmlErrorPtr error) {
    if (error == NULL) return;
    /* int2 is the column for parser and schema errors; other domains use it otherwise. */
    int has_column = error->domain == XML_FROM_PARSER || error->domain == XML_FROM_NAMESPACE ||
                     error->domain == XML_FROM_SCHEMASP || error->domain == XML_FROM_SCHEMASV;
    add_error(context, (int)error->level, error->code, error->line,
              has_column ? error->int2 : 0, error->message);
}

/* Legacy unstructured messages are rare on our paths; keep them as warnings, off stderr. */
static void collect_generic(void *context, const char *format, ...) {
    char text[512];
    va_list arguments;
    va_start(arguments, format);
    vsnprintf(text, sizeof text, format, arguments);
    va_end(arguments);
    if (text[strspn(text, " \t\r\n")] == '\0') return;
    add_error(context, DOCCTL_XML_LEVEL_WARNING, DOCCTL_XML_CODE_LIBRARY_MESSAGE, 0, 0, text);
}

static xmlParserInputPtr refuse_external_entity(const char *url, const char *id,
                                                xmlParserCtxtPtr context) {
    (void)id;
    (void)context;
    char text[600];
    snprintf(text, sizeof text,
             "external resource '%.400s' was not loaded: docctl never reads DTDs, entities or "
             "schemas from files or the network; keep everything in one document",
             url != NULL ? url : "(unnamed)");
    if (active_scope != NULL) {
        add_error(active_scope->errors, DOCCTL_XML_LEVEL_ERROR, DOCCTL_XML_CODE_EXTERNAL_RESOURCE,
                  0, 0, text);
    }
    return NULL;
}

static void scope_begin(call_scope *scope, docctl_xml_errors *errors) {
    scope->errors = errors;
    scope->saved_structured = xmlStructuredError;
    scope->saved_structured_context = xmlStructuredErrorContext;
    scope->saved_generic = xmlGenericError;
    scope->saved_generic_context = xmlGenericErrorContext;
    scope->saved_loader = xmlGetExternalEntityLoader();
    scope->outer = active_scope;
    active_scope = scope;
    xmlSetStructuredErrorFunc(errors, collect_structured);
    xmlSetGenericErrorFunc(errors, collect_generic);
    xmlSetExternalEntityLoader(refuse_external_entity);
}

static void scope_end(call_scope *scope) {
    xmlSetExternalEntityLoader(scope->saved_loader);
    xmlSetGenericErrorFunc(scope->saved_generic_context, scope->saved_generic);
    xmlSetStructuredErrorFunc(scope->saved_structured_context, scope->saved_structured);
    active_scope = scope->outer;
}

/* MARK: - Library */

void docctl_xml_initialize(void) {
    xmlInitParser();
}

void docctl_xml_free(void *pointer) {
    if (pointer != NULL) xmlFree(pointer);
}

/* MARK: - Reading */

static void refuse_declaration(xmlParserCtxtPtr ctxt, const xmlChar *name, int parameter) {
    char text[400];
    snprintf(text, sizeof text,
             "entity declarations are not allowed (<!ENTITY %s%.200s>): docctl reads XML without "
             "DTD entities; write the text out or use a character reference such as &#x4E2D;",
             parameter ? "% " : "", name != NULL ? (const char *)name : "");
    int line = ctxt->input != NULL ? ctxt->input->line : 0;
    add_error(ctxt->_private, DOCCTL_XML_LEVEL_FATAL, DOCCTL_XML_CODE_ENTITY_DECLARATION, line, 0,
              text);
    /* Stop before libxml2 registers the entity: nothing can refer to it, let alone expand it. */
    xmlStopParser(ctxt);
}

static void refuse_entity_declaration(void *context, const xmlChar *name, int type,
                                      const xmlChar *public_id, const xmlChar *system_id,
                                      xmlChar *content) {
    (void)public_id;
    (void)system_id;
    (void)content;
    int parameter = type == XML_INTERNAL_PARAMETER_ENTITY || type == XML_EXTERNAL_PARAMETER_ENTITY;
    refuse_declaration(context, name, parameter);
}

static void refuse_unparsed_entity_declaration(void *context, const xmlChar *name,
                                               const xmlChar *public_id, const xmlChar *system_id,
                                               const xmlChar *notation) {
    (void)public_id;
    (void)system_id;
    (void)notation;
    refuse_declaration(context, name, 0);
}

/*
 * libxml2 stamps an element with the line where its start tag ends, because the SAX event
 * comes after the attributes. A start tag spread over several lines should point at its '<':
 * the start tag is still in the input buffer behind the cursor (attribute values cannot hold a
 * raw '<'), so count the line breaks back to it. If the buffer no longer reaches back that far,
 * libxml2's own line stays.
 */
static void start_element_at_its_first_line(void *context, const xmlChar *localname,
                                            const xmlChar *prefix, const xmlChar *uri,
                                            int nb_namespaces, const xmlChar **namespaces,
                                            int nb_attributes, int nb_defaulted,
                                            const xmlChar **attributes) {
    xmlParserCtxtPtr ctxt = context;
    int breaks = -1;
    if (ctxt->input != NULL && ctxt->input->cur != NULL && ctxt->input->base != NULL) {
        int count = 0;
        for (const xmlChar *p = ctxt->input->cur; p > ctxt->input->base;) {
            p--;
            if (*p == '<') {
                breaks = count;
                break;
            }
            if (*p == '\n') count++;
        }
    }
    xmlSAX2StartElementNs(context, localname, prefix, uri, nb_namespaces, namespaces,
                          nb_attributes, nb_defaulted, attributes);
    if (breaks > 0 && ctxt->node != NULL && ctxt->node->type == XML_ELEMENT_NODE &&
        ctxt->input != NULL && ctxt->input->line - breaks >= 1) {
        int line = ctxt->input->line - breaks;
        ctxt->node->line = (unsigned short)(line < 65535 ? line : 65535);
    }
}

/* Parses inside an active call scope. The result has a root element and no errors. */
static xmlDocPtr parse_safely(const char *buffer, size_t length, docctl_xml_errors *errors) {
    if (buffer == NULL || length == 0) {
        add_error(errors, DOCCTL_XML_LEVEL_FATAL, DOCCTL_XML_CODE_EMPTY_DOCUMENT, 1, 1,
                  "the document is empty");
        return NULL;
    }
    if (length > INT_MAX) {
        add_error(errors, DOCCTL_XML_LEVEL_FATAL, DOCCTL_XML_CODE_TOO_LARGE, 0, 0,
                  "the document is larger than libxml2 can read from memory");
        return NULL;
    }
    xmlParserCtxtPtr ctxt = xmlCreateMemoryParserCtxt(buffer, (int)length);
    if (ctxt == NULL) {
        add_error(errors, DOCCTL_XML_LEVEL_FATAL, DOCCTL_XML_CODE_LIBRARY_MESSAGE, 0, 0,
                  "libxml2 could not create a parser");
        return NULL;
    }
    xmlCtxtUseOptions(ctxt, safe_parse_options);
    ctxt->linenumbers = 1;
    /* The SAX handler is this context's own copy, so these overrides stay local to it. */
    ctxt->sax->entityDecl = refuse_entity_declaration;
    ctxt->sax->unparsedEntityDecl = refuse_unparsed_entity_declaration;
    ctxt->sax->startElementNs = start_element_at_its_first_line;
    /* userData must stay the context (libxml2's SAX2 callbacks expect it); _private is ours. */
    ctxt->_private = errors;

    size_t start = docctl_xml_errors_count(errors);
    xmlParseDocument(ctxt);
    xmlDocPtr doc = ctxt->myDoc;
    ctxt->myDoc = NULL;
    int well_formed = ctxt->wellFormed;
    xmlFreeParserCtxt(ctxt);

    if (!well_formed || has_errors_since(errors, start) || doc == NULL ||
        xmlDocGetRootElement(doc) == NULL) {
        if (!has_errors_since(errors, start)) {
            add_error(errors, DOCCTL_XML_LEVEL_FATAL, DOCCTL_XML_CODE_LIBRARY_MESSAGE, 0, 0,
                      "the document is not well-formed XML");
        }
        xmlFreeDoc(doc);
        return NULL;
    }
    return doc;
}

docctl_xml_doc *docctl_xml_parse(const char *buffer, size_t length, docctl_xml_errors *errors) {
    call_scope scope;
    scope_begin(&scope, errors);
    xmlDocPtr doc = parse_safely(buffer, length, errors);
    scope_end(&scope);
    return (docctl_xml_doc *)doc;
}

void docctl_xml_doc_free(docctl_xml_doc *doc) {
    if (doc != NULL) xmlFreeDoc((xmlDocPtr)doc);
}

docctl_xml_node *docctl_xml_doc_root(docctl_xml_doc *doc) {
    if (doc == NULL) return NULL;
    return (docctl_xml_node *)xmlDocGetRootElement((xmlDocPtr)doc);
}

/* MARK: - Tree access */

#define NODE(node) ((const xmlNode *)(node))
#define ATTR(attr) ((const xmlAttr *)(attr))

int docctl_xml_node_kind(const docctl_xml_node *node) {
    if (node == NULL) return DOCCTL_XML_NODE_OTHER;
    switch (NODE(node)->type) {
    case XML_ELEMENT_NODE: return DOCCTL_XML_NODE_ELEMENT;
    case XML_TEXT_NODE:
    case XML_CDATA_SECTION_NODE: return DOCCTL_XML_NODE_TEXT;
    default: return DOCCTL_XML_NODE_OTHER;
    }
}

const char *docctl_xml_node_name(const docctl_xml_node *node) {
    return node == NULL ? NULL : (const char *)NODE(node)->name;
}

const char *docctl_xml_node_namespace(const docctl_xml_node *node) {
    if (node == NULL || NODE(node)->ns == NULL) return NULL;
    return (const char *)NODE(node)->ns->href;
}

const char *docctl_xml_node_text(const docctl_xml_node *node) {
    if (docctl_xml_node_kind(node) != DOCCTL_XML_NODE_TEXT) return NULL;
    return (const char *)NODE(node)->content;
}

long docctl_xml_node_line(const docctl_xml_node *node) {
    if (node == NULL) return 0;
    long line = xmlGetLineNo(NODE(node));
    return line < 0 ? 0 : line;
}

docctl_xml_node *docctl_xml_node_first_child(const docctl_xml_node *node) {
    return node == NULL ? NULL : (docctl_xml_node *)NODE(node)->children;
}

docctl_xml_node *docctl_xml_node_next_sibling(const docctl_xml_node *node) {
    return node == NULL ? NULL : (docctl_xml_node *)NODE(node)->next;
}

docctl_xml_attr *docctl_xml_node_first_attribute(const docctl_xml_node *node) {
    if (node == NULL || NODE(node)->type != XML_ELEMENT_NODE) return NULL;
    return (docctl_xml_attr *)NODE(node)->properties;
}

docctl_xml_attr *docctl_xml_attr_next(const docctl_xml_attr *attr) {
    return attr == NULL ? NULL : (docctl_xml_attr *)ATTR(attr)->next;
}

const char *docctl_xml_attr_name(const docctl_xml_attr *attr) {
    return attr == NULL ? NULL : (const char *)ATTR(attr)->name;
}

const char *docctl_xml_attr_namespace(const docctl_xml_attr *attr) {
    if (attr == NULL || ATTR(attr)->ns == NULL) return NULL;
    return (const char *)ATTR(attr)->ns->href;
}

char *docctl_xml_attr_value(const docctl_xml_attr *attr) {
    if (attr == NULL) return NULL;
    return (char *)xmlNodeGetContent((const xmlNode *)attr);
}

/* MARK: - XSD validation */

struct docctl_xml_schema {
    /* libxml2 may keep pointers into the schema text and its tree; both live as long as the
     * compiled schema (newer libxml2 versions read memory buffers without copying them). */
    char *buffer;
    xmlDocPtr doc;
    xmlSchemaPtr schema;
};

docctl_xml_schema *docctl_xml_schema_new(const char *buffer, size_t length,
                                         docctl_xml_errors *errors, int *well_formed) {
    if (well_formed != NULL) *well_formed = 0;
    docctl_xml_schema *result = calloc(1, sizeof(docctl_xml_schema));
    if (result == NULL) return NULL;
    call_scope scope;
    scope_begin(&scope, errors);
    size_t start = docctl_xml_errors_count(errors);

    if (buffer != NULL && length > 0) {
        result->buffer = malloc(length);
        if (result->buffer != NULL) memcpy(result->buffer, buffer, length);
    }
    /* Parse the schema text ourselves: libxml2's own schema loader parses with
     * XML_PARSE_NOENT, which would substitute entities, external ones included. */
    result->doc = parse_safely(result->buffer, result->buffer != NULL ? length : 0, errors);
    if (result->doc != NULL) {
        if (well_formed != NULL) *well_formed = 1;
        xmlSchemaParserCtxtPtr parser = xmlSchemaNewDocParserCtxt(result->doc);
        if (parser != NULL) {
            xmlSchemaSetParserStructuredErrors(parser, collect_structured, errors);
            result->schema = xmlSchemaParse(parser);
            xmlSchemaFreeParserCtxt(parser);
        }
        if (result->schema == NULL && !has_errors_since(errors, start)) {
            add_error(errors, DOCCTL_XML_LEVEL_ERROR, DOCCTL_XML_CODE_LIBRARY_MESSAGE, 0, 0,
                      "the schema could not be compiled");
        }
    }
    scope_end(&scope);

    if (result->schema == NULL || has_errors_since(errors, start)) {
        docctl_xml_schema_free(result);
        return NULL;
    }
    return result;
}

void docctl_xml_schema_free(docctl_xml_schema *schema) {
    if (schema == NULL) return;
    if (schema->schema != NULL) xmlSchemaFree(schema->schema);
    if (schema->doc != NULL) xmlFreeDoc(schema->doc);
    free(schema->buffer);
    free(schema);
}

int docctl_xml_schema_validate(docctl_xml_schema *schema, docctl_xml_doc *doc,
                               docctl_xml_errors *errors) {
    if (schema == NULL || doc == NULL) return -1;
    call_scope scope;
    scope_begin(&scope, errors);
    int result = -1;
    xmlSchemaValidCtxtPtr validator = xmlSchemaNewValidCtxt(schema->schema);
    if (validator != NULL) {
        xmlSchemaSetValidStructuredErrors(validator, collect_structured, errors);
        int status = xmlSchemaValidateDoc(validator, (xmlDocPtr)doc);
        result = status == 0 ? 0 : (status > 0 ? 1 : -1);
        xmlSchemaFreeValidCtxt(validator);
    }
    if (result < 0) {
        add_error(errors, DOCCTL_XML_LEVEL_ERROR, DOCCTL_XML_CODE_LIBRARY_MESSAGE, 0, 0,
                  "libxml2 could not validate the document against the schema");
    }
    scope_end(&scope);
    return result;
}

/* MARK: - Writing */

docctl_xml_doc *docctl_xml_doc_new(void) {
    return (docctl_xml_doc *)xmlNewDoc(BAD_CAST "1.0");
}

static int is_empty(const char *text) {
    return text == NULL || text[0] == '\0';
}

docctl_xml_node *docctl_xml_add_element(docctl_xml_doc *doc, docctl_xml_node *parent,
                                        const char *namespace_uri, const char *name) {
    if (doc == NULL || name == NULL || xmlValidateNCName(BAD_CAST name, 0) != 0) return NULL;
    xmlDocPtr document = (xmlDocPtr)doc;
    xmlNodePtr parent_node = (xmlNodePtr)parent;
    xmlNodePtr node = xmlNewDocNode(document, NULL, BAD_CAST name, NULL);
    if (node == NULL) return NULL;

    /* The default namespace in scope where the element goes; an empty href undeclares it. */
    xmlNsPtr inherited = parent_node != NULL ? xmlSearchNs(document, parent_node, NULL) : NULL;
    if (inherited != NULL && is_empty((const char *)inherited->href)) inherited = NULL;

    if (parent_node == NULL) {
        xmlDocSetRootElement(document, node);
    } else {
        xmlAddChild(parent_node, node);
    }
    if (!is_empty(namespace_uri)) {
        if (inherited != NULL && xmlStrEqual(inherited->href, BAD_CAST namespace_uri)) {
            xmlSetNs(node, inherited);
        } else {
            xmlSetNs(node, xmlNewNs(node, BAD_CAST namespace_uri, NULL));
        }
    } else if (inherited != NULL) {
        xmlNewNs(node, BAD_CAST "", NULL); /* xmlns="" */
    }
    return (docctl_xml_node *)node;
}

/* A prefixed namespace for uri usable on node: one in scope, or a new one declared there. */
static xmlNsPtr prefixed_namespace(xmlDocPtr doc, xmlNodePtr node, const char *uri) {
    if (xmlStrEqual(BAD_CAST uri, XML_XML_NAMESPACE)) {
        return xmlSearchNsByHref(doc, node, XML_XML_NAMESPACE);
    }
    for (xmlNodePtr scope = node; scope != NULL && scope->type == XML_ELEMENT_NODE;
         scope = scope->parent) {
        for (xmlNsPtr ns = scope->nsDef; ns != NULL; ns = ns->next) {
            if (ns->prefix != NULL && xmlStrEqual(ns->href, BAD_CAST uri) &&
                xmlSearchNs(doc, node, ns->prefix) == ns) {
                return ns;
            }
        }
    }
    /* Prefixes are numbered in document order, so the same tree gives the same output. */
    char prefix[32];
    if (strcmp(uri, xsi_namespace) == 0 && xmlSearchNs(doc, node, BAD_CAST "xsi") == NULL) {
        strcpy(prefix, "xsi");
    } else {
        for (int i = 1;; i++) {
            snprintf(prefix, sizeof prefix, "ns%d", i);
            if (xmlSearchNs(doc, node, BAD_CAST prefix) == NULL) break;
        }
    }
    return xmlNewNs(node, BAD_CAST uri, BAD_CAST prefix);
}

int docctl_xml_set_attribute(docctl_xml_node *node, const char *namespace_uri,
                             const char *name, const char *value) {
    if (node == NULL || name == NULL || xmlValidateNCName(BAD_CAST name, 0) != 0) return -1;
    /* Namespace declarations are the writer's business; as attributes they would clash. */
    if ((is_empty(namespace_uri) && strcmp(name, "xmlns") == 0) ||
        (!is_empty(namespace_uri) && strcmp(namespace_uri, xmlns_namespace) == 0)) {
        return -1;
    }
    xmlNodePtr element = (xmlNodePtr)node;
    xmlNsPtr ns = NULL;
    if (!is_empty(namespace_uri)) {
        ns = prefixed_namespace(element->doc, element, namespace_uri);
        if (ns == NULL) return -1;
    }
    return xmlSetNsProp(element, ns, BAD_CAST name, BAD_CAST(value != NULL ? value : "")) != NULL
               ? 0 : -1;
}

int docctl_xml_add_text(docctl_xml_node *node, const char *text, size_t length) {
    if (node == NULL || length > INT_MAX) return -1;
    if (length == 0) return 0;
    xmlNodePtr element = (xmlNodePtr)node;
    xmlNodePtr child = xmlNewDocTextLen(element->doc, BAD_CAST text, (int)length);
    if (child == NULL) return -1;
    /* xmlAddChild merges adjacent text nodes (and may free child), which is what we want. */
    return xmlAddChild(element, child) != NULL ? 0 : -1;
}

unsigned char *docctl_xml_doc_serialize(docctl_xml_doc *doc, size_t *length) {
    if (doc == NULL || length == NULL) return NULL;
    call_scope scope;
    scope_begin(&scope, NULL);
    /* Pin the formatting globals so the output never depends on who used libxml2 before. */
    int saved_indent = xmlIndentTreeOutput;
    const char *saved_indent_string = xmlTreeIndentString;
    int saved_no_empty = xmlSaveNoEmptyTags;
    xmlIndentTreeOutput = 1;
    xmlTreeIndentString = "  ";
    xmlSaveNoEmptyTags = 0;

    xmlChar *memory = NULL;
    int size = 0;
    xmlDocDumpFormatMemoryEnc((xmlDocPtr)doc, &memory, &size, "UTF-8", 1);

    xmlSaveNoEmptyTags = saved_no_empty;
    xmlTreeIndentString = saved_indent_string;
    xmlIndentTreeOutput = saved_indent;
    scope_end(&scope);
    *length = memory != NULL && size > 0 ? (size_t)size : 0;
    return memory;
}
