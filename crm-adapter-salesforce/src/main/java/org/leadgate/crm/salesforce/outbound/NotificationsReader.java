package org.leadgate.crm.salesforce.outbound;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.leadgate.crm.salesforce.hooks.SalesforceId;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Reads the SOAP 1.1 {@code notifications} envelope of the Outbound Messaging WSDL. The parser refuses any DOCTYPE
 * at the moment it meets one (so no entity is ever declared, expanded or fetched), resolves nothing external and
 * runs with the JDK's secure-processing limits. Reasons for refusal name the place, never the content.
 */
final class NotificationsReader {
  static final String SOAP_ENVELOPE = "http://schemas.xmlsoap.org/soap/envelope/";
  static final String OUTBOUND = "http://soap.sforce.com/2005/09/outbound";
  static final String SOBJECT = "urn:sobject.enterprise.soap.sforce.com";
  private static final String XSI = XMLConstants.W3C_XML_SCHEMA_INSTANCE_NS_URI;
  static final int MAX_NOTIFICATIONS = 100;

  private NotificationsReader() {}

  /** What a body turned out to be. */
  sealed interface Read {}

  /** A well-formed notifications message. */
  record Message(String organizationId, List<Notification> notifications) implements Read {
    Message {
      notifications = List.copyOf(notifications);
    }
  }

  /** Not a notifications message, with a reason that echoes no input. */
  record Malformed(String reason) implements Read {}

  static Read read(byte[] body) {
    Document document;
    try {
      document = parser().parse(new ByteArrayInputStream(body));
    } catch (SAXParseException e) {
      return new Malformed("not well-formed XML, or a DOCTYPE (which is never accepted), at line "
          + e.getLineNumber() + " column " + e.getColumnNumber());
    } catch (SAXException | IOException e) {
      return new Malformed("not well-formed XML");
    }
    Element envelope = document.getDocumentElement();
    if (!is(envelope, SOAP_ENVELOPE, "Envelope")) {
      return new Malformed("not a SOAP 1.1 envelope");
    }
    Optional<Element> notifications = child(envelope, SOAP_ENVELOPE, "Body")
        .flatMap(soapBody -> child(soapBody, OUTBOUND, "notifications"));
    if (notifications.isEmpty()) {
      return new Malformed("the SOAP body holds no Outbound Messaging notifications element");
    }
    return message(notifications.get());
  }

  private static Read message(Element notifications) {
    Optional<String> organizationId = child(notifications, OUTBOUND, "OrganizationId").map(Element::getTextContent)
        .map(String::strip);
    if (organizationId.isEmpty()) {
      return new Malformed("OrganizationId is missing");
    }
    List<Element> elements = children(notifications, OUTBOUND, "Notification");
    if (elements.isEmpty() || elements.size() > MAX_NOTIFICATIONS) {
      return new Malformed("a message holds 1 to " + MAX_NOTIFICATIONS + " Notification elements but this one holds "
          + elements.size());
    }
    List<Notification> read = new ArrayList<>();
    for (int i = 0; i < elements.size(); i++) {
      Element element = elements.get(i);
      Optional<String> id = child(element, OUTBOUND, "Id").map(Element::getTextContent).map(String::strip)
          .filter(SalesforceId::isId);
      if (id.isEmpty()) {
        return new Malformed("Notification " + (i + 1) + " has no valid Id");
      }
      Optional<Element> sObject = child(element, OUTBOUND, "sObject");
      Map<String, String> fields = sObject.map(NotificationsReader::fields).orElse(Map.of());
      if (sObject.isPresent() && !SalesforceId.isId(fields.getOrDefault("Id", ""))) {
        return new Malformed("Notification " + (i + 1) + " has an sObject without a valid Id");
      }
      read.add(new Notification(id.get(), sObject.map(NotificationsReader::type).orElse(""), fields,
          serialise(element)));
    }
    return new Message(organizationId.get(), read);
  }

  /** The sObject's plain fields, trimmed; nil fields and fields with child elements are left out. */
  private static Map<String, String> fields(Element sObject) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (Element field : children(sObject, SOBJECT, null)) {
      boolean nil = "true".equals(field.getAttributeNS(XSI, "nil")) || "1".equals(field.getAttributeNS(XSI, "nil"));
      if (!nil && children(field, null, null).isEmpty()) {
        fields.putIfAbsent(field.getLocalName(), field.getTextContent().strip());
      }
    }
    return fields;
  }

  /** {@code Lead} from {@code xsi:type="sf:Lead"}. */
  private static String type(Element sObject) {
    String type = sObject.getAttributeNS(XSI, "type");
    return type.substring(type.indexOf(':') + 1);
  }

  private static boolean is(Node node, String namespace, String localName) {
    return node instanceof Element
        && (namespace == null || namespace.equals(node.getNamespaceURI()))
        && (localName == null || localName.equals(node.getLocalName()));
  }

  private static Optional<Element> child(Element parent, String namespace, String localName) {
    return children(parent, namespace, localName).stream().findFirst();
  }

  /** The child elements with that namespace and local name; {@code null} matches any. */
  private static List<Element> children(Element parent, String namespace, String localName) {
    List<Element> children = new ArrayList<>();
    for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (is(node, namespace, localName)) {
        children.add((Element) node);
      }
    }
    return children;
  }

  private static String serialise(Element element) {
    try {
      TransformerFactory factory = TransformerFactory.newDefaultInstance();
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
      Transformer transformer = factory.newTransformer();
      transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
      StringWriter xml = new StringWriter();
      transformer.transform(new DOMSource(element), new StreamResult(xml));
      return xml.toString();
    } catch (TransformerException e) {
      throw new IllegalStateException("cannot serialise a parsed notification", e);
    }
  }

  private static DocumentBuilder parser() {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
    factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
    factory.setNamespaceAware(true);
    factory.setXIncludeAware(false);
    factory.setExpandEntityReferences(false);
    try {
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
      factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
      DocumentBuilder parser = factory.newDocumentBuilder();
      parser.setErrorHandler(FAIL_ON_ERROR);
      return parser;
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("the JDK's XML parser lacks a hardening feature", e);
    }
  }

  /** Turns every parser error into an exception instead of a line on standard error. */
  private static final ErrorHandler FAIL_ON_ERROR = new ErrorHandler() {
    @Override
    public void warning(SAXParseException e) {}

    @Override
    public void error(SAXParseException e) throws SAXParseException {
      throw e;
    }

    @Override
    public void fatalError(SAXParseException e) throws SAXParseException {
      throw e;
    }
  };
}
