package dev.dragonpool.runtime.kmalloc;

/**
 * Immutable snapshot of one size class of a {@link KMalloc}, summed over all heaps.
 *
 * @param index         class index (0 is the 8-byte class)
 * @param chunkSize     bytes per chunk
 * @param chunksPerSlab chunks in one slab (1 for page classes)
 * @param slabs         slabs held now
 * @param chunksInUse   chunks handed out and not freed
 * @param chunksFree    chunks of held slabs that are free (carved or not)
 * @param requests      allocations served by this class since creation
 */
public record SizeClassStats(int index, int chunkSize, int chunksPerSlab, long slabs,
        long chunksInUse, long chunksFree, long requests) {}
