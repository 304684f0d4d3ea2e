package io.tikmatrix.bridge.config;

/** Options the bridge adds to endpoint URIs an operator configured. */
public final class CamelUris {

    /** What a file is called while it is written; readers skip names that begin with a dot. */
    static final String WRITING_PREFIX = ".writing-";

    static final int WRITE_BUFFER_BYTES = 8192;

    private CamelUris() {
    }

    /** Adds {@code name=value} unless the operator already set that option. */
    public static String withOption(String uri, String name, String value) {
        int query = uri.indexOf('?');
        if (query >= 0 && ("&" + uri.substring(query + 1)).contains("&" + name + "=")) {
            return uri;
        }
        return uri + (query >= 0 ? "&" : "?") + name + "=" + value;
    }

    /**
     * A {@code file:} URI that writes each file under a temporary name and renames it when whole, so a reader of
     * the folder (a person, the admin API, a consumer's script) never meets half a record. Other URIs as they are.
     * <p>
     * Its files are written through a buffer of {@value #WRITE_BUFFER_BYTES} bytes: camel-file allocates its buffer
     * anew for every file, 128 KB by default, and the bridge writes one file of a few KB per event, so that buffer was
     * half of all the memory the bridge allocated while it took a file of posts (docs/BENCHMARKS.md, session 11).
     */
    public static String writtenWhole(String uri) {
        return uri.startsWith("file:")
                ? withOption(withOption(uri, "tempPrefix", WRITING_PREFIX), "bufferSize", Integer.toString(WRITE_BUFFER_BYTES))
                : uri;
    }
}
