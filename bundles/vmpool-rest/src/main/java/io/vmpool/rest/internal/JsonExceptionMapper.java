package io.vmpool.rest.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.util.stream.Collectors;
import javax.ws.rs.core.Response;
import javax.ws.rs.ext.ExceptionMapper;

/**
 * Reports a request body Jackson could not read as 400, naming the field and what was wrong; a failure to
 * write a response is the server's and goes to {@link UnexpectedExceptionMapper}.
 */
final class JsonExceptionMapper implements ExceptionMapper<JsonProcessingException> {
    private final UnexpectedExceptionMapper unexpected = new UnexpectedExceptionMapper();

    @Override
    public Response toResponse(JsonProcessingException e) {
        if (!isReadError(e)) {
            return unexpected.toResponse(e);
        }
        String field = fieldOf(e);
        String what = e.getOriginalMessage();
        if (e instanceof UnrecognizedPropertyException) {
            what = "unknown field '" + ((UnrecognizedPropertyException) e).getPropertyName() + "'";
        } else if (e instanceof MismatchedInputException && ((MismatchedInputException) e).getTargetType() != null) {
            what = "expected " + describe(((MismatchedInputException) e).getTargetType());
        }
        String location = e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
        String detail = (field == null ? "Malformed JSON: " : "Field '" + field + "': ") + firstLine(what) + location;
        return Problems.response(Problem.of(ProblemType.MALFORMED_BODY, detail).withField(field, null));
    }

    /** Input errors: the parser's own, or binding errors raised while reading (not bad type definitions). */
    private static boolean isReadError(JsonProcessingException e) {
        if (e instanceof StreamReadException) {
            return true;
        }
        if (e instanceof InvalidDefinitionException) {
            return false;
        }
        return e instanceof JsonMappingException && ((JsonMappingException) e).getProcessor() instanceof JsonParser;
    }

    private static String fieldOf(JsonProcessingException e) {
        if (!(e instanceof JsonMappingException) || ((JsonMappingException) e).getPath().isEmpty()) {
            return null;
        }
        return ((JsonMappingException) e).getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."));
    }

    private static String describe(Class<?> type) {
        if (type == Integer.class || type == Long.class || type == int.class || type == long.class) {
            return "a whole number";
        }
        if (type == String.class) {
            return "a string";
        }
        return "a JSON object";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
