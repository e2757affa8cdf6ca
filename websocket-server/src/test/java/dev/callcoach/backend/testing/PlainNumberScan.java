package dev.callcoach.backend.testing;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Searches every table of the database for phone numbers in any plain form. */
public final class PlainNumberScan {

    private PlainNumberScan() {
    }

    /**
     * Every row, of every table in the public schema, whose text form contains one of the numbers'
     * national digits (with or without country code, '+' or separators), as "table: row" lines.
     */
    public static List<String> find(Pool pool, Collection<String> e164Numbers) {
        List<String> tables = new ArrayList<>();
        pool.query("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")
                .execute().await().indefinitely()
                .forEach(row -> tables.add(row.getString(0)));
        if (tables.isEmpty()) {
            throw new IllegalStateException("no tables to scan");
        }
        List<String> found = new ArrayList<>();
        for (String table : tables) {
            for (Row row : pool.query("SELECT t::text FROM \"" + table + "\" t").execute().await().indefinitely()) {
                String digits = row.getString(0).replaceAll("[^0-9]", "");
                for (String number : e164Numbers) {
                    // +1 201 555 0123 -> 2015550123: the ten digits a person would type.
                    if (digits.contains(number.substring(number.length() - 10))) {
                        found.add(table + ": " + row.getString(0));
                    }
                }
            }
        }
        return found;
    }
}
