package io.vmpool.storage.lvm.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.vmpool.api.storage.StorageException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads lvm's {@code --reportformat json} output: {@code {"report":[{"lv":[{"lv_name":"a",...}]}]}},
 * every value a string (numbers are bytes, from {@code --units b --nosuffix}).
 */
final class LvmReport {
    private static final ObjectMapper JSON = new ObjectMapper();

    private LvmReport() {
    }

    /** The rows of section {@code section} ({@code lv}, {@code vg}, {@code pv}), each a field-to-value map. */
    static List<Map<String, String>> rows(String pool, String json, String section) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new StorageException(pool, "lvm printed a report that is not JSON: " + e.getMessage(), e);
        }
        JsonNode reports = root == null ? null : root.get("report");
        if (reports == null || !reports.isArray()) {
            throw new StorageException(pool, "lvm's JSON report has no \"report\" array: " + abbreviate(json));
        }
        return rows(reports, section);
    }

    /** The {@code "report"} member of a command's output; missing when it failed or printed none. */
    static JsonNode reportOf(LvmRunner.Result r) {
        if (r.exitCode() != 0) {
            return MissingNode.getInstance();
        }
        try {
            JsonNode root = JSON.readTree(r.stdout());
            return root == null ? MissingNode.getInstance() : root.path("report");
        } catch (IOException e) {
            return MissingNode.getInstance();
        }
    }

    /** The rows of {@code section} in a {@code "report"} array (none when it is not an array). */
    static List<Map<String, String>> rows(JsonNode reports, String section) {
        List<Map<String, String>> rows = new ArrayList<>();
        for (JsonNode report : reports) {
            JsonNode list = report.get(section);
            if (list == null || !list.isArray()) {
                continue;
            }
            for (JsonNode row : list) {
                Map<String, String> fields = new TreeMap<>();
                row.fields().forEachRemaining(e -> fields.put(e.getKey(), e.getValue().asText()));
                rows.add(fields);
            }
        }
        return rows;
    }

    /** A number field; a missing or non-numeric one is lvm reporting something vmpool does not understand. */
    static long number(String pool, Map<String, String> row, String field) {
        String value = row.get(field);
        try {
            return Long.parseLong(value.strip());
        } catch (RuntimeException e) {
            throw new StorageException(pool, "lvm reported " + field + "='" + value + "', not a number of bytes or a count");
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }
}
