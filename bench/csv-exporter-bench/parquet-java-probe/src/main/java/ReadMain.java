import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;

/**
 * The parquet-java alternative, measured, not used: reads every row of one Parquet file with parquet-hadoop's example
 * reader (the smallest API that reads a file) and prints the count — its start-up and jar weight are what
 * docs/csv-exporter.md compares with the exporter's own reader.
 */
public class ReadMain {
    public static void main(String[] args) throws Exception {
        long n = 0;
        try (ParquetReader<Group> r = ParquetReader.builder(new GroupReadSupport(),
                new org.apache.hadoop.fs.Path(args[0])).build()) {
            while (r.read() != null) {
                n++;
            }
        }
        System.out.println(n);
    }
}
