package org.vigie.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class DirectoryImportTest {

    private static final String DATA = "{\"nationalId\":\"810001045367\",\"rpps\":\"10001045367\",\"exercices\":[{\"codeProfession\":\"10\"}]}";

    @Test
    void acceptsAPractitionerWithANationalIdAndExercices() {
        assertNull(DirectoryImport.problem("810001045367", DATA));
        assertNull(DirectoryImport.problem("0756012345", DATA.replace("810001045367", "0756012345")));
    }

    @Test
    void refusesWhatCannotBeStored() {
        assertEquals("nationalId must be 8+RPPS (Luhn key) or 0+ADELI", DirectoryImport.problem("810001045368", DATA));
        assertEquals("nationalId must be 8+RPPS (Luhn key) or 0+ADELI", DirectoryImport.problem("10001045367", DATA));
        assertEquals("nationalId must be 8+RPPS (Luhn key) or 0+ADELI", DirectoryImport.problem("350000000013", DATA));
        assertEquals("data is not JSON", DirectoryImport.problem("810001045367", "{not json"));
        assertEquals("data must be a JSON object with the same nationalId", DirectoryImport.problem("810006122583", DATA));
        assertEquals("no exercices", DirectoryImport.problem("810001045367", "{\"nationalId\":\"810001045367\",\"exercices\":[]}"));
    }

    @Test
    void hashesTheTextAsSent() {
        assertEquals(44, DirectoryImport.hash(DATA).length());
        assertEquals(DirectoryImport.hash(DATA), DirectoryImport.hash(new String(DATA)));
        assertNotEquals(DirectoryImport.hash(DATA), DirectoryImport.hash(DATA.replace("10\"", "21\"")));
    }
}
