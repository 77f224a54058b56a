#include "docctl_xml.h"
#include <libxml/xmlversion.h>
int docctl_xml_version(void) { return LIBXML_VERSION; }
