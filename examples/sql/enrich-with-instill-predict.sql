-- Enrich a Kafka topic of questions with a chat model on Instill Model, in SQL only, with the async scalar
-- function INSTILL_PREDICT: the way for Flink 1.20 and 2.0, which have no CREATE MODEL / ML_PREDICT (it works on
-- every later line too). Same topics, records and results as enrich-with-ml-predict.sql.
--
--   questions (JSON) --INSTILL_PREDICT('local/stand-in-chat/v1', 'CHAT', question)--> answers (JSON)
--                                                                                 \-> questions-failed (JSON)
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
-- Run with the SQL client, the shaded connector jar of your Flink line and the Kafka connector:
--   envsubst < enrich-with-instill-predict.sql > /tmp/enrich.sql
--   sql-client.sh -j flink-sql-connector-instill-<version>.jar -j flink-sql-connector-kafka-<version>.jar \
--       -f /tmp/enrich.sql
-- or execute the statements one by one with TableEnvironment.executeSql (SET too). Statements end with ';' at the
-- end of a line; the EXECUTE STATEMENT SET ... END; block at the bottom is one statement (one job).
--
-- Against a real Instill deployment, add SET 'instill.auth.token-env' = 'INSTILL_API_TOKEN'; and export that
-- variable on every TaskManager; never SET the token itself (it is refused).

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

-- The function and its options (read when the query is planned). With 'failure-policy' = 'ERROR_COLUMNS' a failed
-- row keeps flowing with NULL results and its error filled in.
CREATE TEMPORARY FUNCTION INSTILL_PREDICT AS 'ai.instill.flink.table.InstillScalarPredictFunction';
SET 'instill.endpoint' = '${ENDPOINT}';
SET 'instill.system-message' = 'Answer in one sentence.';
SET 'instill.max-new-tokens' = '64';
SET 'instill.batch.max-size' = '16';
SET 'instill.failure-policy' = 'ERROR_COLUMNS';

-- The task is a literal, so the ROW's fields are typed when the query is planned. Keep NULL questions out of the
-- topic: a NULL argument gives a NULL ROW without a call, and Flink's async calc mishandles a NULL STRING column of
-- the same query (docs/sql.md).
CREATE TEMPORARY VIEW predictions AS
SELECT id, question, t.p.`text` AS answer, t.p.total_tokens AS total_tokens,
       t.p.error_code AS error_code, t.p.error_message AS error_message, t.p.error_attempts AS error_attempts
FROM (SELECT id, question, INSTILL_PREDICT('local/stand-in-chat/v1', 'CHAT', question) AS p FROM questions) AS t;

EXECUTE STATEMENT SET
BEGIN
INSERT INTO answers
SELECT id, question, answer, total_tokens FROM predictions WHERE error_code IS NULL;
INSERT INTO questions_failed
SELECT id, question, error_code, error_message, error_attempts FROM predictions WHERE error_code IS NOT NULL;
END;
