package io.batchplane.apiserver.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.batchplane.api.ApiException;
import io.batchplane.api.ResourceType;
import io.batchplane.api.StatusReason;
import io.batchplane.apiserver.resource.Json;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Decodes {@code application/vnd.kubernetes.protobuf} request bodies into the JSON the resource
 * layer takes: the 4-byte {@code k8s\0} magic, then a {@code runtime.Unknown} envelope (1: TypeMeta
 * with apiVersion and kind, 2: the object's bytes, 3: content encoding, 4: content type) around a
 * Namespace, Job or CronJob encoded per {@link ProtobufSchema}. Empty strings are dropped, as JSON clients
 * omit them. A field the schema does not know is refused (400) unless it holds its zero value, so
 * nothing a client sent is silently lost; other kinds are a 415.
 */
final class ProtobufBodies {

    private static final byte[] MAGIC = {'k', '8', 's', 0};

    private ProtobufBodies() {
    }

    static byte[] toJson(ResourceType type, byte[] body) {
        if (body.length < MAGIC.length || body[0] != MAGIC[0] || body[1] != MAGIC[1] || body[2] != MAGIC[2]
                || body[3] != MAGIC[3]) {
            throw ApiException.badRequest("the protobuf body does not start with the Kubernetes magic number");
        }
        if (ProtobufSchema.fields(type.kind()) == null) {
            throw ApiException.of(StatusReason.UNSUPPORTED_MEDIA_TYPE, "protobuf bodies are accepted for Namespace, "
                    + "Job and CronJob only; send " + type.kind() + " as application/json");
        }
        Reader envelope = new Reader(body, MAGIC.length, body.length);
        String apiVersion = "";
        String kind = "";
        Reader raw = null;
        while (envelope.more()) {
            int key = envelope.varintInt();
            int number = key >>> 3;
            if (number == 1 && (key & 7) == 2) {
                Reader typeMeta = envelope.nested();
                while (typeMeta.more()) {
                    int k = typeMeta.varintInt();
                    if (k >>> 3 == 1 && (k & 7) == 2) {
                        apiVersion = typeMeta.string();
                    } else if (k >>> 3 == 2 && (k & 7) == 2) {
                        kind = typeMeta.string();
                    } else {
                        typeMeta.skip(k & 7);
                    }
                }
            } else if (number == 2 && (key & 7) == 2) {
                raw = envelope.nested();
            } else if (number == 3 && (key & 7) == 2) {
                String encoding = envelope.string();
                if (!encoding.isEmpty()) {
                    throw ApiException.of(StatusReason.UNSUPPORTED_MEDIA_TYPE, "content encoding " + encoding
                            + " is not supported");
                }
            } else {
                envelope.skip(key & 7);
            }
        }
        if (!type.apiVersion().equals(apiVersion) || !type.kind().equals(kind) || raw == null) {
            throw ApiException.badRequest("the API version in the data (" + apiVersion + ") and kind (" + kind
                    + ") do not match the expected " + type.apiVersion() + " " + type.kind());
        }
        ObjectNode object = Json.MAPPER.createObjectNode();
        object.put("apiVersion", apiVersion);
        object.put("kind", kind);
        object.setAll(message(raw, kind));
        return Responses.bytes(object);
    }

    private static ObjectNode message(Reader in, String message) {
        Map<Integer, ProtobufSchema.Field> fields = ProtobufSchema.fields(message);
        ObjectNode out = Json.MAPPER.createObjectNode();
        while (in.more()) {
            int key = in.varintInt();
            int number = key >>> 3;
            int wire = key & 7;
            ProtobufSchema.Field f = fields.get(number);
            if (f == null) {
                if (!in.skipZero(wire)) {
                    throw ApiException.badRequest("protobuf field " + number + " of " + message
                            + " is not supported by this server; send the object as application/json");
                }
                continue;
            }
            switch (f.shape()) {
                case SKIP -> in.skip(wire);
                case STRING -> {
                    String s = in.string();
                    if (f.repeated()) {
                        out.withArray(f.json()).add(s);
                    } else if (!s.isEmpty()) {
                        out.put(f.json(), s);
                    }
                }
                case INT -> out.put(f.json(), in.varint());
                case BOOL -> out.put(f.json(), in.varint() != 0);
                case MESSAGE -> {
                    ObjectNode nested = message(in.nested(), f.message());
                    if (f.repeated()) {
                        out.withArray(f.json()).add(nested);
                    } else {
                        out.set(f.json(), nested);
                    }
                }
                case STRING_MAP, QUANTITY_MAP -> entry(in.nested(), out.with(f.json()),
                        f.shape() == ProtobufSchema.Shape.QUANTITY_MAP);
                default -> throw new IllegalStateException(f.shape().name());
            }
        }
        return out;
    }

    private static void entry(Reader in, ObjectNode map, boolean quantity) {
        String key = "";
        String value = "";
        while (in.more()) {
            int k = in.varintInt();
            if (k >>> 3 == 1) {
                key = in.string();
            } else if (k >>> 3 == 2 && quantity) {
                Reader q = in.nested();
                while (q.more()) {
                    int qk = q.varintInt();
                    if (qk >>> 3 == 1) {
                        value = q.string();
                    } else {
                        q.skip(qk & 7);
                    }
                }
            } else if (k >>> 3 == 2) {
                value = in.string();
            } else {
                in.skip(k & 7);
            }
        }
        map.put(key, value);
    }

    /** A bounds-checked reader of protobuf wire format; malformed input is a 400. */
    private static final class Reader {
        private final byte[] b;
        private int at;
        private final int end;

        Reader(byte[] b, int from, int end) {
            this.b = b;
            this.at = from;
            this.end = end;
        }

        boolean more() {
            return at < end;
        }

        long varint() {
            long result = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                byte c = next();
                result |= (long) (c & 0x7f) << shift;
                if ((c & 0x80) == 0) {
                    return result;
                }
            }
            throw malformed();
        }

        int varintInt() {
            long v = varint();
            if (v < 0 || v > Integer.MAX_VALUE) {
                throw malformed();
            }
            return (int) v;
        }

        Reader nested() {
            int length = varintInt();
            if (length > end - at) {
                throw malformed();
            }
            Reader r = new Reader(b, at, at + length);
            at += length;
            return r;
        }

        String string() {
            Reader r = nested();
            return new String(b, r.at, r.end - r.at, StandardCharsets.UTF_8);
        }

        void skip(int wire) {
            switch (wire) {
                case 0 -> varint();
                case 1 -> advance(8);
                case 2 -> nested();
                case 5 -> advance(4);
                default -> throw malformed();
            }
        }

        /** Skips a value, telling whether it was the zero value (0 or empty). */
        boolean skipZero(int wire) {
            return switch (wire) {
                case 0 -> varint() == 0;
                case 2 -> !nested().more();
                default -> {
                    skip(wire);
                    yield false;
                }
            };
        }

        private void advance(int n) {
            if (n > end - at) {
                throw malformed();
            }
            at += n;
        }

        private byte next() {
            if (at >= end) {
                throw malformed();
            }
            return b[at++];
        }

        private static ApiException malformed() {
            return ApiException.badRequest("the protobuf body is malformed");
        }
    }
}
