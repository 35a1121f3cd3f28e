package dev.dragonpool.runtime.kmalloc;

/**
 * Immutable snapshot of one {@link MallocType}: the columns of DragonFly's {@code vmstat -m}.
 *
 * @param name     the type's name
 * @param inUse    allocations live now
 * @param memUse   bytes live now (charged sizes: chunk or page-run size)
 * @param highUse  high-water mark of bytes charged to the type, counting credit that threads
 *                 held unused (an upper bound of the peak of memUse, within one batch per thread)
 * @param limit    the type's limit in bytes
 * @param requests successful allocations since the type was defined
 * @param failures allocations refused (type limit or arena budget)
 */
public record MallocTypeStats(String name, long inUse, long memUse, long highUse, long limit,
        long requests, long failures) {}
