package ai.instill.flink.table.testutils;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.Table;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;

/**
 * A fresh table environment on the test's mini cluster, with helpers to run statements and collect
 * their rows.
 */
public final class SqlSession {
    private final StreamTableEnvironment tableEnv;

    private SqlSession(StreamTableEnvironment tableEnv) {
        this.tableEnv = tableEnv;
    }

    public static SqlSession create(int parallelism) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(parallelism);
        return new SqlSession(StreamTableEnvironment.create(env));
    }

    public StreamTableEnvironment tableEnv() {
        return tableEnv;
    }

    public TableResult execute(String statement) {
        return tableEnv.executeSql(statement);
    }

    /** What {@code SET 'key' = 'value'} does in the SQL client. */
    public void set(String key, String value) {
        tableEnv.getConfig().set(key, value);
    }

    public void view(String name, Table table) {
        tableEnv.createTemporaryView(name, table);
    }

    /** Runs a query to its end and returns every row. */
    public List<Row> query(String query) throws Exception {
        List<Row> rows = new ArrayList<>();
        try (CloseableIterator<Row> it = tableEnv.executeSql(query).collect()) {
            it.forEachRemaining(rows::add);
        }
        return rows;
    }
}
