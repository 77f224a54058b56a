#ifndef DOCCTL_XML_H
#define DOCCTL_XML_H
/* Placeholder header; the libxml2 shim is implemented in docctl_xml.c. */
int docctl_xml_version(void);
#endif
