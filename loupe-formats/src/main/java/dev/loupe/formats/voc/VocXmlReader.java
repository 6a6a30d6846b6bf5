package dev.loupe.formats.voc;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads one Pascal VOC annotation file with StAX. External entities and DTDs are disabled
 * (label files are untrusted input). Parse errors surface as {@link XMLStreamException} with the
 * line in its location. Nesting deeper than {@link #MAX_DEPTH} and element text longer than
 * {@link #MAX_TEXT} characters are refused the same way (a VOC file nests 4 deep and holds short
 * values), so that a hostile file costs time and memory in proportion to its size.
 */
final class VocXmlReader {
    /** Deepest element nesting read. */
    static final int MAX_DEPTH = 64;
    /** Longest text of one element, in characters. */
    static final int MAX_TEXT = 65_536;
    /** The deepest path the reader looks at: annotation/object/bndbox/xmin. */
    private static final int KNOWN_DEPTH = 4;
    private final XMLInputFactory factory;

    VocXmlReader() {
        factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    }

    VocFile read(Path file) throws IOException, XMLStreamException {
        byte[] bytes = Files.readAllBytes(file);
        checkUtf8(bytes);
        try (InputStream in = new java.io.ByteArrayInputStream(bytes)) {
            XMLStreamReader r = factory.createXMLStreamReader(in);
            try {
                return read(r);
            } finally {
                r.close();
            }
        }
    }

    /**
     * Refuses a file that is neither valid UTF-8 nor declares another encoding, naming the line and
     * column of the first bad byte: the JDK's parser would print "[Fatal Error] :-1:-1: Invalid byte"
     * to the user's terminal before failing.
     */
    static void checkUtf8(byte[] bytes) throws XMLStreamException {
        String head = new String(bytes, 0, Math.min(bytes.length, 200), java.nio.charset.StandardCharsets.ISO_8859_1);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^(?:\\xEF\\xBB\\xBF)?<\\?xml[^>]*encoding\\s*=\\s*[\"']([^\"']+)")
                .matcher(head);
        boolean utf16 = bytes.length >= 2 && ((bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF)
                || (bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE));
        if (utf16 || (m.find() && !m.group(1).equalsIgnoreCase("UTF-8"))) {
            return;
        }
        java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(bytes);
        java.nio.CharBuffer out = java.nio.CharBuffer.allocate(Math.max(16, bytes.length));
        java.nio.charset.CoderResult result = java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT).decode(in, out, true);
        if (result.isError()) {
            int at = in.position();
            int line = 1;
            int column = 1;
            for (int i = 0; i < at; i++) {
                if (bytes[i] == '\n') {
                    line++;
                    column = 1;
                } else if ((bytes[i] & 0xC0) != 0x80) {
                    column++;
                }
            }
            throw new XMLStreamException(String.format("byte 0x%02X is not UTF-8 (the file declares no other encoding)",
                    bytes[at] & 0xFF), new FixedLocation(line, column, at));
        }
    }

    /** A position in a file, for errors found before the XML parser runs. */
    private record FixedLocation(int getLineNumber, int getColumnNumber, int getCharacterOffset)
            implements javax.xml.stream.Location {
        @Override
        public String getPublicId() {
            return null;
        }

        @Override
        public String getSystemId() {
            return null;
        }
    }

    private VocFile read(XMLStreamReader r) throws XMLStreamException {
        String filename = null;
        String width = null;
        String height = null;
        List<VocObject> objects = new ArrayList<>();
        List<String> path = new ArrayList<>();
        Map<String, String> object = null;
        int objectLine = 0;
        StringBuilder text = new StringBuilder();
        while (r.hasNext()) {
            int event = r.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                if (path.size() == MAX_DEPTH) {
                    throw new XMLStreamException("elements nested deeper than " + MAX_DEPTH + " (a VOC file nests "
                            + KNOWN_DEPTH + " deep); the file is not read further", r.getLocation());
                }
                path.add(r.getLocalName());
                text.setLength(0);
                if (path.size() == 2 && r.getLocalName().equals("object")) {
                    object = new HashMap<>();
                    objectLine = r.getLocation().getLineNumber();
                }
            } else if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) {
                if (text.length() + r.getTextLength() > MAX_TEXT) {
                    throw new XMLStreamException("the text of <" + path.get(path.size() - 1) + "> is longer than " + MAX_TEXT
                            + " characters; expected a short value", r.getLocation());
                }
                text.append(r.getText());
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                String value = text.toString().strip();
                // Only the paths the switch knows are joined: joining at every depth made deep files quadratic.
                String joined = path.size() <= KNOWN_DEPTH ? String.join("/", path) : "";
                switch (joined) {
                    case "annotation/filename" -> filename = value;
                    case "annotation/size/width" -> width = value;
                    case "annotation/size/height" -> height = value;
                    case "annotation/object/name", "annotation/object/difficult",
                         "annotation/object/bndbox/xmin", "annotation/object/bndbox/ymin",
                         "annotation/object/bndbox/xmax", "annotation/object/bndbox/ymax" -> {
                        if (object != null) {
                            object.put(r.getLocalName(), value);
                        }
                    }
                    case "annotation/object" -> {
                        if (object != null) {
                            objects.add(new VocObject(object.get("name"), object.get("xmin"), object.get("ymin"),
                                    object.get("xmax"), object.get("ymax"), "1".equals(object.get("difficult")),
                                    objectLine));
                        }
                        object = null;
                    }
                    default -> { }
                }
                path.remove(path.size() - 1);
                text.setLength(0);
            }
        }
        return new VocFile(filename, width, height, objects);
    }
}
