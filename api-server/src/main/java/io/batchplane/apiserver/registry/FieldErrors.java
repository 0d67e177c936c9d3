package io.batchplane.apiserver.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.api.model.StatusCauseBuilder;
import java.util.Collection;
import java.util.stream.Collectors;

/**
 * Builds the field-level {@link StatusCause}s of an Invalid response, worded the way kube-apiserver's
 * field errors print: the cause's {@code reason} is the error type ({@code FieldValueInvalid}, ...),
 * its {@code field} the dotted path, and its {@code message} the error body, e.g.
 * {@code Invalid value: -1: must be greater than or equal to 0}. Keeping the wording identical lets
 * kubectl users and tests written against real clusters read our errors unchanged.
 */
public final class FieldErrors {

    public static final String REQUIRED = "FieldValueRequired";
    public static final String INVALID = "FieldValueInvalid";
    public static final String NOT_SUPPORTED = "FieldValueNotSupported";
    public static final String FORBIDDEN = "FieldValueForbidden";
    public static final String DUPLICATE = "FieldValueDuplicate";
    public static final String TOO_LONG = "FieldValueTooLong";
    public static final String TOO_MANY = "FieldValueTooMany";
    public static final String NOT_FOUND = "FieldValueNotFound";

    /** The message of every immutability violation. */
    public static final String IMMUTABLE = "field is immutable";

    private static final ObjectMapper JSON = new ObjectMapper();

    private FieldErrors() {
    }

    public static StatusCause required(String field, String detail) {
        return cause(REQUIRED, field, withDetail("Required value", detail));
    }

    public static StatusCause invalid(String field, Object value, String detail) {
        return cause(INVALID, field, withDetail("Invalid value: " + render(value), detail));
    }

    /** An Invalid error whose value is too large or structured to print, as upstream's omitted values. */
    public static StatusCause invalidOmitValue(String field, String detail) {
        return cause(INVALID, field, withDetail("Invalid value", detail));
    }

    public static StatusCause notSupported(String field, Object value, Collection<String> supported) {
        String list = supported.stream().map(FieldErrors::quote).collect(Collectors.joining(", "));
        return cause(NOT_SUPPORTED, field, "Unsupported value: " + render(value) + ": supported values: " + list);
    }

    public static StatusCause forbidden(String field, String detail) {
        return cause(FORBIDDEN, field, withDetail("Forbidden", detail));
    }

    public static StatusCause duplicate(String field, Object value) {
        return cause(DUPLICATE, field, "Duplicate value: " + render(value));
    }

    public static StatusCause notFound(String field, Object value) {
        return cause(NOT_FOUND, field, "Not found: " + render(value));
    }

    /** A byte-length limit as upstream's {@code field.TooLong}. */
    public static StatusCause tooLong(String field, int maxBytes) {
        return cause(TOO_LONG, field, "Too long: must have at most " + maxBytes + " bytes");
    }

    /** A character-length limit as upstream's {@code field.TooLongMaxLength}. */
    public static StatusCause tooLongMaxLength(String field, int max) {
        return cause(TOO_LONG, field, "Too long: may not be longer than " + max);
    }

    public static StatusCause tooMany(String field, int actual, int max) {
        return cause(TOO_MANY, field, "Too many: " + actual + ": must have at most " + max + " items");
    }

    public static StatusCause immutable(String field, Object value) {
        return invalid(field, value, IMMUTABLE);
    }

    /** The standard message of a value below zero. */
    public static StatusCause nonNegative(String field, long value) {
        return invalid(field, value, "must be greater than or equal to 0");
    }

    public static String quote(String s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (JsonProcessingException e) {
            return "\"" + s + "\"";
        }
    }

    /** Prints a bad value: strings quoted, numbers and booleans bare, anything else as JSON. */
    static String render(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String s) {
            return quote(s);
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            return String.valueOf(value);
        }
    }

    private static String withDetail(String head, String detail) {
        return detail == null || detail.isEmpty() ? head : head + ": " + detail;
    }

    private static StatusCause cause(String reason, String field, String message) {
        return new StatusCauseBuilder().withReason(reason).withField(field).withMessage(message).build();
    }
}
