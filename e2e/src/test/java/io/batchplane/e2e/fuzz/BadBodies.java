package io.batchplane.e2e.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Request bodies a client should never send, built from a valid object so that they get past the
 * first checks: truncated JSON, a wrong type at one node of the object tree, huge numbers, deep
 * nesting, invalid UTF-8, YAML, protobuf garbage with and without the {@code k8s\0} magic,
 * oversized bodies. Every choice comes from the caller's {@link Random}, so a seed reproduces a run.
 */
final class BadBodies {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final byte[] MAGIC = {'k', '8', 's', 0};

    private BadBodies() {
    }

    /** A valid Job named {@code name}, the seed most bodies are made from. */
    static ObjectNode job(String name) {
        try {
            return (ObjectNode) JSON.readTree("""
                    {"apiVersion":"batch/v1","kind":"Job","metadata":{"name":"%s","labels":{"a":"b"},
                     "annotations":{"x":"y"}},
                     "spec":{"parallelism":1,"completions":1,"backoffLimit":2,"activeDeadlineSeconds":60,
                      "template":{"metadata":{"labels":{"a":"b"}},"spec":{"restartPolicy":"Never",
                       "containers":[{"name":"c","image":"busybox","command":["true"],
                        "env":[{"name":"E","value":"v"}],"ports":[{"containerPort":80}],
                        "resources":{"limits":{"cpu":"1"}}}]}}}}
                    """.formatted(name));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every node path of {@code root} (objects by field, arrays by index), including the root's children. */
    static List<List<Object>> paths(JsonNode root) {
        List<List<Object>> out = new ArrayList<>();
        collect(root, new ArrayList<>(), out);
        return out;
    }

    private static void collect(JsonNode node, List<Object> at, List<List<Object>> out) {
        if (node.isObject()) {
            node.fieldNames().forEachRemaining(f -> {
                List<Object> p = new ArrayList<>(at);
                p.add(f);
                out.add(p);
                collect(node.get(f), p, out);
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                List<Object> p = new ArrayList<>(at);
                p.add(i);
                out.add(p);
                collect(node.get(i), p, out);
            }
        }
    }

    /** A copy of {@code root} with the node at {@code path} replaced by {@code value}. */
    static ObjectNode replaced(ObjectNode root, List<Object> path, JsonNode value) {
        ObjectNode copy = root.deepCopy();
        JsonNode parent = copy;
        for (int i = 0; i < path.size() - 1; i++) {
            Object step = path.get(i);
            parent = step instanceof Integer idx ? parent.get(idx) : parent.get((String) step);
        }
        Object last = path.get(path.size() - 1);
        if (last instanceof Integer idx) {
            ((ArrayNode) parent).set(idx, value);
        } else {
            ((ObjectNode) parent).set((String) last, value);
        }
        return copy;
    }

    /** Values of every JSON type, and numbers no Go or Java integer holds. */
    static List<JsonNode> wrongValues() {
        return List.of(NODES.textNode("x"), NODES.numberNode(-1), NODES.booleanNode(true), NODES.nullNode(),
                NODES.objectNode().put("k", 1), NODES.arrayNode().add(1).add("a"),
                NODES.numberNode(new java.math.BigInteger("123456789012345678901234567890")),
                NODES.numberNode(new java.math.BigDecimal("1e400")), NODES.numberNode(1.5),
                NODES.numberNode(Long.MIN_VALUE), NODES.textNode(""));
    }

    /** One bad body of a random shape. */
    static byte[] any(Random random, String name) {
        ObjectNode job = job(name);
        byte[] valid = bytes(job);
        return switch (random.nextInt(16)) {
            case 0 -> new byte[0];
            case 1 -> Arrays.copyOf(valid, random.nextInt(valid.length));
            case 2 -> {
                List<List<Object>> paths = paths(job);
                List<JsonNode> values = wrongValues();
                yield bytes(replaced(job, paths.get(random.nextInt(paths.size())), values.get(random.nextInt(values.size()))));
            }
            case 3 -> nested(random.nextBoolean() ? "[" : "{\"a\":", random.nextBoolean() ? 10_000 : 100_000);
            case 4 -> ("{\"metadata\":{\"name\":\"" + name + "\",\"labels\":" + new String(nested("[", 10_000),
                    StandardCharsets.UTF_8) + "}}").getBytes(StandardCharsets.UTF_8);
            case 5 -> invalidUtf8(name);
            case 6 -> filled(random.nextInt(4) == 0 ? 4 * 1024 * 1024 + random.nextInt(1024) : 1 + random.nextInt(4096),
                    (byte) 'a');
            case 7 -> ("apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: " + name + "\nspec: {}\n")
                    .getBytes(StandardCharsets.UTF_8);
            case 8 -> protobuf(random, true);
            case 9 -> protobuf(random, false);
            case 10 -> List.of("null", "[]", "\"job\"", "42", "true", "{}", "{\"kind\":\"Pod\"}", "NaN", "{\"a\":Infinity}",
                    "{\"metadata\":{\"name\":\"" + name + "\"},\"metadata\":{\"name\":1}}", "\u0000", "{,}")
                    .get(random.nextInt(12)).getBytes(StandardCharsets.UTF_8);
            case 11 -> bytes(replaced(job, List.of("metadata", "annotations"), NODES.objectNode()
                    .put("big", "v".repeat(random.nextInt(4) == 0 ? 2 * 1024 * 1024 + random.nextInt(512 * 1024)
                            : 300 * 1024))));
            case 12 -> bytes(replaced(job, List.of("metadata", "name"), NODES.textNode(oddName(random))));
            case 13 -> random.nextBoolean() ? "[{\"op\":\"replace\",\"path\":\"/spec/parallelism\",\"value\":\"x\"}]"
                    .getBytes(StandardCharsets.UTF_8) : "[{\"op\":\"move\",\"from\":\"/a\",\"path\":\"/a/b\"}]"
                    .getBytes(StandardCharsets.UTF_8);
            case 14 -> "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"$patch\":\"bogus\"}],\"$retainKeys\":7}}}}"
                    .getBytes(StandardCharsets.UTF_8);
            default -> randomBytes(random, random.nextInt(2048));
        };
    }

    /** Names kube-apiserver rejects or that stress path handling. */
    static String oddName(Random random) {
        List<String> names = List.of("", "-", "UPPER", "a..b", "..", ".", "a/b", "a%2Fb", "ñame", "a b", "a\u0000b",
                "x".repeat(254), "x".repeat(10_000), "-leading", "trailing-", "a_b", "🙂");
        return names.get(random.nextInt(names.size()));
    }

    static byte[] nested(String open, int depth) {
        String close = open.equals("[") ? "]" : "}";
        StringBuilder b = new StringBuilder(depth * (open.length() + 1));
        b.append(open.repeat(depth));
        b.append(open.equals("[") ? "1" : "1");
        b.append(close.repeat(depth));
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] invalidUtf8(String name) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("{\"apiVersion\":\"batch/v1\",\"kind\":\"Job\",\"metadata\":{\"name\":\"" + name
                + "\",\"labels\":{\"a\":\"").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(new byte[] {(byte) 0xff, (byte) 0xfe, (byte) 0xc3, (byte) 0x28, (byte) 0xed, (byte) 0xa0, (byte) 0x80});
        out.writeBytes("\"}}}".getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static byte[] protobuf(Random random, boolean magic) {
        byte[] garbage = randomBytes(random, 1 + random.nextInt(512));
        if (!magic) {
            return garbage;
        }
        byte[] out = new byte[MAGIC.length + garbage.length];
        System.arraycopy(MAGIC, 0, out, 0, MAGIC.length);
        System.arraycopy(garbage, 0, out, MAGIC.length, garbage.length);
        if (random.nextBoolean() && garbage.length > 2) {
            out[MAGIC.length] = 0x0a;
            out[MAGIC.length + 1] = (byte) 0xff;
        }
        return out;
    }

    private static byte[] randomBytes(Random random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private static byte[] filled(int n, byte value) {
        byte[] b = new byte[n];
        Arrays.fill(b, value);
        return b;
    }

    static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
