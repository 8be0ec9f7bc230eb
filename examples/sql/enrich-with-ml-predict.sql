-- Enrich a Kafka topic of questions with a chat model on Instill Model, in SQL only.
--
--   questions (JSON) --ML_PREDICT(MODEL assistant)--> answers (JSON)
--                                                 \-> questions-failed (JSON, rows whose inference failed)
--
-- Placeholders (replace them before running, e.g. with sed or envsubst):
--   ${BOOTSTRAP}  Kafka bootstrap servers, e.g. localhost:9092
--   ${ENDPOINT}   Instill Model endpoint, e.g. localhost:8080 (the API gateway) or the local model server's
--                 host:port (its stand-in chat model is local/stand-in-chat/v1, used below)
--
-- Topics: create 'questions', 'answers' and 'questions-failed' first (a Kafka source fails on a missing topic).
-- Input records look like {"id": "q1", "question": "What is Apache Flink?"}; answers look like
-- {"id": "q1", "question": "...", "answer": "...", "total_tokens": 12}.
--
-- Run with the SQL client (Flink 2.1+), the shaded connector jar and the Kafka SQL connector jar:
--   envsubst < enrich-with-ml-predict.sql > /tmp/enrich.sql
--   sql-client.sh -j flink-sql-connector-instill-<version>.jar -j flink-sql-connector-kafka-<version>.jar \
--       -f /tmp/enrich.sql
-- or execute the statements one by one with TableEnvironment.executeSql. Statements end with ';' at the end of a
-- line; the EXECUTE STATEMENT SET ... END; block at the bottom is one statement (one job, one ML_PREDICT).
--
-- Against a real Instill deployment, add 'auth.token-env' = 'INSTILL_API_TOKEN' to the model's options and export
-- that variable on every TaskManager; never put the token itself in the WITH clause (it is refused, because
-- SHOW CREATE MODEL would print it).

CREATE TABLE questions (
    id STRING,
    question STRING
) WITH (
    'connector' = 'kafka',
    'topic' = 'questions',
    'properties.bootstrap.servers' = '${BOOTSTRAP}',
    'properties.group.id' = 'instill-sql-example',
    'scan.startup.mode' = 'earliest-offset',
    'format' = 'json',
    'json.ignore-parse-errors' = 'true'
);

CREATE TABLE answers (
    id STRING,
    question STRING,
    answer STRING,
    total_tokens BIGINT
) WITH (
    'connector' = 'kafka',
    'topic' = 'answers',
    'properties.bootstrap.servers' = '${BOOTSTRAP}',
    'format' = 'json'
);

CREATE TABLE questions_failed (
    id STRING,
    question STRING,
    error_code STRING,
    error_message STRING,
    error_attempts INT
) WITH (
    'connector' = 'kafka',
    'topic' = 'questions-failed',
    'properties.bootstrap.servers' = '${BOOTSTRAP}',
    'format' = 'json'
);

-- The model: a lone STRING input is the prompt; the outputs are typed and checked when the query is planned.
-- With 'failure-policy' = 'ERROR_COLUMNS' a failed row keeps flowing with NULL results and its error filled in.
CREATE TEMPORARY MODEL assistant
INPUT (question STRING)
OUTPUT (`text` STRING, total_tokens BIGINT, error_code STRING, error_message STRING, error_attempts INT)
WITH (
    'provider' = 'instill',
    'endpoint' = '${ENDPOINT}',
    'model-name' = 'local/stand-in-chat/v1',
    'task' = 'CHAT',
    'system-message' = 'Answer in one sentence.',
    'max-new-tokens' = '64',
    'batch.max-size' = '16',
    'failure-policy' = 'ERROR_COLUMNS'
);

CREATE TEMPORARY VIEW predictions AS
SELECT *
FROM ML_PREDICT(
    TABLE questions,
    MODEL assistant,
    DESCRIPTOR(question),
    MAP['async', 'true', 'max-concurrent-operations', '32']);

EXECUTE STATEMENT SET
BEGIN
INSERT INTO answers
SELECT id, question, `text` AS answer, total_tokens FROM predictions WHERE error_code IS NULL;
INSERT INTO questions_failed
SELECT id, question, error_code, error_message, error_attempts FROM predictions WHERE error_code IS NOT NULL;
END;
