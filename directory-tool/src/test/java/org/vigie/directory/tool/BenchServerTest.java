package org.vigie.directory.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class BenchServerTest {

    @Test
    void thePeakHeapIsTheLargestHeapBeforeACollection() throws Exception {
        Path log = Files.createTempFile("gc", ".log");
        Files.writeString(log, """
                [0.012s][info][gc] Using G1
                [1.204s][info][gc] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 52M->12M(1024M) 4.123ms
                [9.950s][info][gc] GC(1) Pause Young (Concurrent Start) (G1 Humongous Allocation) 731M->402M(1024M) 20.1ms
                [12.000s][info][gc] GC(2) Pause Young (Normal) (G1 Evacuation Pause) 610M->380M(1024M) 8.0ms
                """);
        assertEquals(731, BenchServer.peakHeapMb(log));
        Files.writeString(log, "[0.012s][info][gc] Using G1\n");
        assertEquals(-1, BenchServer.peakHeapMb(log));
        Files.delete(log);
        assertEquals(-1, BenchServer.peakHeapMb(log));
    }
}
