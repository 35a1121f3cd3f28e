package dev.dragonpool.runtime.kmalloc;

/**
 * Immutable snapshot of an arena's off-heap pages, for JMX and the {@code stat} command.
 *
 * @param pageSize       bytes per page
 * @param chunkSize      bytes of direct memory reserved per chunk
 * @param chunks         chunks held now (dedicated chunks of big buffers included)
 * @param pagesTotal     pages in the chunks held
 * @param pagesInUse     pages handed out (slabs and page runs)
 * @param pagesFree      pages held but not handed out
 * @param bytesReserved  bytes of direct memory held and charged to the arena
 * @param chunksReserved chunks reserved since creation
 * @param chunksReleased chunks given back since creation
 * @param failures       reservations refused by the budget or by the JVM's direct memory limit
 */
public record ArenaPageStats(int pageSize, long chunkSize, long chunks, long pagesTotal,
        long pagesInUse, long pagesFree, long bytesReserved, long chunksReserved,
        long chunksReleased, long failures) {}
