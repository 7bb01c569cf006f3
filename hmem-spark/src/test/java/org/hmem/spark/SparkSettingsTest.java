package org.hmem.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** How hmem reads the master it is given and its own Spark settings. */
class SparkSettingsTest {

    @Test
    void localMastersRetryFailedTasks() {
        assertEquals("local[2,4]", SparkTransport.withRetries("local[2]", 4));
        assertEquals("local[*,3]", SparkTransport.withRetries("local[*]", 3));
        assertEquals("local[1,4]", SparkTransport.withRetries("local", 4));
        assertEquals("local[2,7]", SparkTransport.withRetries("local[2,7]", 4), "the user's retries are kept");
        assertEquals("spark://host:7077", SparkTransport.withRetries("spark://host:7077", 4));
        assertEquals("yarn", SparkTransport.withRetries(" yarn ", 4));
    }

    @Test
    void executorsCompileWithTypeProfilesUnlessTheUserSetTheLevel() {
        assertEquals("-XX:TypeProfileLevel=222", SparkTransport.withTypeProfiles(""));
        assertEquals("-Xss4m -XX:TypeProfileLevel=222", SparkTransport.withTypeProfiles(" -Xss4m "));
        assertEquals("-XX:TypeProfileLevel=111", SparkTransport.withTypeProfiles("-XX:TypeProfileLevel=111"));
    }

    @Test
    void sparkSubmitsMasterBecomesTheSparkFlag() {
        String[] args = {"associations", "--epochs", "1"};
        assertArrayEquals(new String[] {"associations", "--epochs", "1", "--spark", "spark://h:7077"},
                SparkMain.withMaster(args, "spark://h:7077"));
        String[] named = {"babi", "--spark", "local[2]"};
        assertArrayEquals(named, SparkMain.withMaster(named, "spark://h:7077"), "--spark given wins");
        String[] equals = {"babi", "--spark=local[2]"};
        assertArrayEquals(equals, SparkMain.withMaster(equals, "spark://h:7077"));
        assertArrayEquals(args, SparkMain.withMaster(args, null), "no spark-submit: unchanged");
    }

    @Test
    void failureInjectionSettingIsChecked() {
        assertEquals(new FailOnce(3, 1), FailOnce.parse("3:1"));
        assertEquals(null, FailOnce.parse(""));
        assertThrows(IllegalArgumentException.class, () -> FailOnce.parse("three"));
    }
}
