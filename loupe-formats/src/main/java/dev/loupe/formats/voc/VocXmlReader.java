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
 * line in its location.
 */
final class VocXmlReader {
    private final XMLInputFactory factory;

    VocXmlReader() {
        factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    }

    VocFile read(Path file) throws IOException, XMLStreamException {
        try (InputStream in = Files.newInputStream(file)) {
            XMLStreamReader r = factory.createXMLStreamReader(in);
            try {
                return read(r);
            } finally {
                r.close();
            }
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
                path.add(r.getLocalName());
                text.setLength(0);
                if (path.size() == 2 && r.getLocalName().equals("object")) {
                    object = new HashMap<>();
                    objectLine = r.getLocation().getLineNumber();
                }
            } else if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) {
                text.append(r.getText());
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                String value = text.toString().strip();
                String joined = String.join("/", path);
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
