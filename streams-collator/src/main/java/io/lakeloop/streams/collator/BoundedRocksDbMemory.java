package io.lakeloop.streams.collator;

import java.util.Map;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;
import org.apache.kafka.streams.state.RocksDBConfigSetter;

/**
 * The collator's {@code rocksdb.config.setter}: every RocksDB instance of the process — each segment of the dedupe
 * store of each task is one — shares one LRU block cache, and their memtables are counted against it
 * ({@code WriteBufferManager}), so the store's off-heap memory is bounded by {@code collator.dedupe.rocksdb.memory.bytes}
 * however many tasks and segments there are and however many ids they hold. Kafka Streams' default gives each
 * instance its own 50 MiB cache and up to 3 × 16 MiB of memtables, and keeps index and bloom-filter blocks outside any
 * cache, where they grow with the data.
 *
 * <p>Index and filter blocks live in the cache at high priority (the first level pinned), so the bloom filters that
 * answer "never seen" for a new event — the common case, and the dedupe step's point lookups — stay in memory. Memtables
 * are small (the store is flushed at every commit anyway). Kafka Streams' bloom filter and compaction are kept.
 *
 * <p>The cache is one per process, sized by the first store opened; its size comes through the Streams configuration
 * as {@value #MEMORY_CONFIG} ({@link CollatorConfig#streamsProperties()}).
 */
public final class BoundedRocksDbMemory implements RocksDBConfigSetter {

    /** The Streams-level key under which the collator passes {@code collator.dedupe.rocksdb.memory.bytes}. */
    public static final String MEMORY_CONFIG = "lakeloop.collator.rocksdb.memory.bytes";
    static final long DEFAULT_MEMORY_BYTES = 128L * 1024 * 1024;
    private static final long MEMTABLE_BYTES = 4L * 1024 * 1024;

    private static Cache cache;
    private static WriteBufferManager writeBuffers;

    private static synchronized void init(long totalBytes) {
        if (cache == null) {
            // half of the cache for index and filter blocks at high priority; memtables up to a quarter of the total
            cache = new LRUCache(totalBytes, -1, false, 0.5);
            writeBuffers = new WriteBufferManager(totalBytes / 4, cache);
        }
    }

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        Object configured = configs.get(MEMORY_CONFIG);
        init(configured == null ? DEFAULT_MEMORY_BYTES : Long.parseLong(String.valueOf(configured)));
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(cache);
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinL0FilterAndIndexBlocksInCache(true);
        options.setTableFormatConfig(table);
        options.setWriteBufferManager(writeBuffers);
        options.setWriteBufferSize(MEMTABLE_BYTES);
        options.setMaxWriteBufferNumber(2);
    }

    @Override
    public void close(String storeName, Options options) {
        // the cache and the write-buffer manager are shared by every store of the process: never closed here
    }
}
