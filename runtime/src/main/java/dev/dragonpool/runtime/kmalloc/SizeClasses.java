package dev.dragonpool.runtime.kmalloc;

/**
 * DragonFly's kmalloc size-class table, plus the page classes that cache whole-page runs.
 *
 * <p>Small classes (requests below the chunking limit) follow {@code zoneindex()} of
 * kern_slaballoc.c: 8-byte steps up to 128 B, then eight classes for every power of two
 * (16 B steps to 256, 32 B steps to 512, ... 512 B steps to 8 KiB). A request of {@code n}
 * bytes with {@code p < n <= 2p} ({@code p >= 128} a power of two) is rounded up to the next
 * multiple of {@code p / 8}. Each small class is carved from slabs of {@code zoneSize} bytes.
 *
 * <p>Page classes cover requests from the chunking limit up to {@code maxCachedRun}: the size
 * is rounded up to whole pages and each "slab" is one run of pages holding one chunk, so freed
 * runs are cached per thread exactly like slab chunks. Requests above {@code maxCachedRun} are
 * "big": served from fresh page runs and given back at once (not cached).
 */
final class SizeClasses {
    /** Classes with 8-byte steps: 8, 16, ..., 128. */
    static final int LINEAR_CLASSES = 16;

    final int pageSize;
    final int zoneSize;
    final int chunkingLimit;
    final int maxCachedRun;
    final int smallCount;
    /** Largest small class size (7680 B with the default 8 KiB chunking limit). */
    final int maxSmall;
    final int minRunPages;
    final int count;
    /** Chunk size of each class (bytes). */
    final int[] chunkSize;
    /** Chunks per slab of each class. */
    final int[] chunksPerSlab;
    /** Bytes of pages per slab of each class. */
    final int[] slabBytes;

    SizeClasses(int pageSize, int zoneSize, int chunkingLimit, int maxCachedRun) {
        this.pageSize = pageSize;
        this.zoneSize = zoneSize;
        this.chunkingLimit = chunkingLimit;
        this.maxCachedRun = maxCachedRun;
        // Small classes stop below the chunking limit: a request whose class would reach the
        // limit (7681..8191 B by default) is served with whole pages like the limit itself.
        this.smallCount = smallIndex(chunkingLimit - 1);
        this.maxSmall = smallSize(smallCount - 1);
        this.minRunPages = ceilDiv(chunkingLimit, pageSize);
        int maxRunPages = maxCachedRun / pageSize;
        this.count = smallCount + Math.max(0, maxRunPages - minRunPages + 1);
        chunkSize = new int[count];
        chunksPerSlab = new int[count];
        slabBytes = new int[count];
        for (int c = 0; c < smallCount; c++) {
            chunkSize[c] = smallSize(c);
            slabBytes[c] = zoneSize;
            chunksPerSlab[c] = zoneSize / chunkSize[c];
        }
        for (int c = smallCount; c < count; c++) {
            int bytes = (minRunPages + c - smallCount) * pageSize;
            chunkSize[c] = bytes;
            slabBytes[c] = bytes;
            chunksPerSlab[c] = 1;
        }
    }

    /** Index of the small class for {@code 1 <= size}. */
    static int smallIndex(int size) {
        if (size <= 128) {
            return ((size + 7) >>> 3) - 1;
        }
        int p = Integer.highestOneBit(size - 1); // size in (p, 2p]
        int log = Integer.numberOfTrailingZeros(p);
        int shift = log - 3; // step = p / 8
        int j = (size - p + (1 << shift) - 1) >>> shift; // 1..8
        return LINEAR_CLASSES + ((log - 7) << 3) + (j - 1);
    }

    /** Chunk size of small class {@code index}. */
    static int smallSize(int index) {
        if (index < LINEAR_CLASSES) {
            return (index + 1) << 3;
        }
        int group = (index - LINEAR_CLASSES) >>> 3;
        int j = ((index - LINEAR_CLASSES) & 7) + 1;
        int p = 128 << group;
        return p + j * (p >>> 3);
    }

    /** Class index for a request of {@code size} bytes, or -1 when the request is big. */
    int index(int size) {
        if (size <= maxSmall) {
            return smallIndex(size);
        }
        if (size > maxCachedRun) {
            return -1;
        }
        return smallCount + ceilDiv(size, pageSize) - minRunPages;
    }

    /** Bytes a request of {@code size} is charged (its chunk or page-run size). */
    long chargedSize(int size) {
        int c = index(size);
        return c >= 0 ? chunkSize[c] : (long) ceilDiv(size, pageSize) * pageSize;
    }

    boolean isPageClass(int c) {
        return c >= smallCount;
    }

    static int ceilDiv(int a, int b) {
        return (int) (((long) a + b - 1) / b);
    }
}
