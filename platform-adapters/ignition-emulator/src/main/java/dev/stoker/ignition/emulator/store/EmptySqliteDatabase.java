package dev.stoker.ignition.emulator.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A valid, empty SQLite 3 database file: one 4096-byte page with the 100-byte file header and an
 * empty schema table. Backups carry the gateway's internal database as {@code db_backup_sqlite.idb};
 * the emulator keeps its state in files, but tools that open that entry with SQLite must not fail.
 */
public final class EmptySqliteDatabase {

    private static final int PAGE_SIZE = 4096;
    private static final int SQLITE_VERSION = 3_045_000;

    private EmptySqliteDatabase() {
    }

    public static byte[] bytes() {
        ByteBuffer page = ByteBuffer.allocate(PAGE_SIZE);
        page.put("SQLite format 3\0".getBytes(StandardCharsets.US_ASCII));
        page.putShort((short) PAGE_SIZE);
        page.put((byte) 1).put((byte) 1);      // legacy (rollback journal) write and read versions
        page.put((byte) 0);                    // reserved bytes per page
        page.put((byte) 64).put((byte) 32).put((byte) 32); // payload fractions, fixed by the format
        page.putInt(1);                        // file change counter
        page.putInt(1);                        // database size in pages
        page.putInt(0).putInt(0);              // no freelist
        page.putInt(0);                        // schema cookie
        page.putInt(4);                        // schema format number
        page.putInt(0);                        // default page cache size
        page.putInt(0);                        // largest root page (no auto-vacuum)
        page.putInt(1);                        // text encoding: UTF-8
        page.putInt(0).putInt(0).putInt(0);    // user version, incremental vacuum, application id
        page.put(new byte[20]);                // reserved for expansion
        page.putInt(1);                        // version-valid-for, equal to the change counter
        page.putInt(SQLITE_VERSION);
        // Page 1 b-tree header: an empty table leaf whose cell content area starts at the page end.
        page.put((byte) 0x0D);
        page.putShort((short) 0);              // first freeblock
        page.putShort((short) 0);              // cell count
        page.putShort((short) PAGE_SIZE);      // start of cell content area
        page.put((byte) 0);                    // fragmented free bytes
        return page.array();
    }
}
