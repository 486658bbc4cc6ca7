package org.leadgate.intake;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.ContentDisposition;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.ParseException;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a request body into form values: {@code application/x-www-form-urlencoded}, {@code multipart/form-data}
 * (text parts only) and {@code application/json} (one object of scalar values or lists of them). Bodies must be
 * UTF-8.
 */
public final class SubmissionParser {
  private static final ObjectMapper JSON = new ObjectMapper();

  public ParsedBody parse(String contentTypeHeader, byte[] body) {
    ContentType contentType;
    try {
      contentType = new ContentType(contentTypeHeader == null ? "" : contentTypeHeader);
    } catch (ParseException e) {
      return new ParsedBody.Unsupported(String.valueOf(contentTypeHeader));
    }
    String charset = contentType.getParameter("charset");
    if (charset != null && !charset.equalsIgnoreCase("utf-8")) {
      return new ParsedBody.Unsupported(contentTypeHeader + " (only UTF-8 is accepted)");
    }
    String text;
    try {
      text = strictUtf8(body);
    } catch (CharacterCodingException e) {
      return new ParsedBody.Malformed("the body is not valid UTF-8");
    }
    return switch (contentType.getBaseType().toLowerCase(Locale.ROOT)) {
      case "application/x-www-form-urlencoded" -> urlEncoded(text);
      case "multipart/form-data" -> multipart(contentTypeHeader, body, text);
      case "application/json" -> json(text);
      default -> new ParsedBody.Unsupported(contentType.getBaseType());
    };
  }

  private static ParsedBody urlEncoded(String text) {
    Map<String, List<String>> values = new LinkedHashMap<>();
    try {
      for (String pair : text.split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String name = percentDecode(eq < 0 ? pair : pair.substring(0, eq));
        String value = eq < 0 ? "" : percentDecode(pair.substring(eq + 1));
        values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
      }
    } catch (IllegalArgumentException e) {
      return new ParsedBody.Malformed("the form body has a broken %-escape");
    } catch (CharacterCodingException e) {
      return new ParsedBody.Malformed("the form body has %-escapes that are not UTF-8");
    }
    return new ParsedBody.Values(values, text);
  }

  /** Decodes {@code +} and %-escapes to bytes, then reads them as UTF-8, refusing what is not. */
  private static String percentDecode(String component) throws CharacterCodingException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(component.length());
    int i = 0;
    while (i < component.length()) {
      int c = component.codePointAt(i);
      if (c == '+') {
        bytes.write(' ');
        i++;
      } else if (c == '%') {
        int high = i + 2 < component.length() ? Character.digit(component.charAt(i + 1), 16) : -1;
        int low = i + 2 < component.length() ? Character.digit(component.charAt(i + 2), 16) : -1;
        if (high < 0 || low < 0) {
          throw new IllegalArgumentException("broken %-escape at " + i);
        }
        bytes.write(high * 16 + low);
        i += 3;
      } else {
        byte[] encoded = new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8);
        bytes.write(encoded, 0, encoded.length);
        i += Character.charCount(c);
      }
    }
    return strictUtf8(bytes.toByteArray());
  }

  private static String strictUtf8(byte[] bytes) throws CharacterCodingException {
    return StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT)
        .decode(ByteBuffer.wrap(bytes))
        .toString();
  }

  private static ParsedBody multipart(String contentTypeHeader, byte[] body, String text) {
    Map<String, List<String>> values = new LinkedHashMap<>();
    try {
      MimeMultipart multipart = new MimeMultipart(new ByteArrayDataSource(body, contentTypeHeader));
      for (int i = 0; i < multipart.getCount(); i++) {
        BodyPart part = multipart.getBodyPart(i);
        String[] disposition = part.getHeader("Content-Disposition");
        if (disposition == null || disposition.length == 0) {
          return new ParsedBody.Malformed("multipart part " + (i + 1) + " has no Content-Disposition");
        }
        ContentDisposition parsed = new ContentDisposition(disposition[0]);
        String name = parsed.getParameter("name");
        if (name == null) {
          return new ParsedBody.Malformed("multipart part " + (i + 1) + " has no field name");
        }
        if (parsed.getParameter("filename") != null) {
          return new ParsedBody.Malformed("field '" + name + "': file uploads are not accepted");
        }
        try (InputStream in = part.getInputStream()) {
          values.computeIfAbsent(name, k -> new ArrayList<>())
              .add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
      }
    } catch (MessagingException | IOException e) {
      return new ParsedBody.Malformed("the multipart body cannot be read: " + e.getMessage());
    }
    return new ParsedBody.Values(values, text);
  }

  private static ParsedBody json(String text) {
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (JacksonException e) {
      return new ParsedBody.Malformed("the JSON body is not valid JSON: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      return new ParsedBody.Malformed("the JSON body must be one object of field names to values");
    }
    Map<String, List<String>> values = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> entry : root.properties()) {
      List<String> posted = new ArrayList<>();
      JsonNode value = entry.getValue();
      for (JsonNode item : value.isArray() ? value : List.of(value)) {
        if (item.isContainerNode()) {
          return new ParsedBody.Malformed("field '" + entry.getKey() + "': nested objects and lists are not accepted");
        }
        if (!item.isNull()) {
          posted.add(item.asText());
        }
      }
      values.put(entry.getKey(), posted);
    }
    return new ParsedBody.Values(values, text);
  }
}
