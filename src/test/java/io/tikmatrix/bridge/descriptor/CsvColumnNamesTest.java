package io.tikmatrix.bridge.descriptor;

import static org.assertj.core.api.Assertions.assertThat;

import io.tikmatrix.bridge.validation.SchemaDescriptorValidator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CSV headers as spreadsheet users write them: any case, and now and then a typo that must not lose a field. */
class CsvColumnNamesTest {

    private static final SchemaDescriptorValidator SCHEMAS = new SchemaDescriptorValidator();

    @TempDir
    Path dir;

    private List<Descriptor> read(String csv) throws Exception {
        Path file = InboxFiles.write(dir, "rows.csv", csv);
        List<Descriptor> all = new ArrayList<>();
        try (DescriptorReader reader = DescriptorReaders.open(file, new FileInspector().inspect(file), SCHEMAS, InboxLimits.DEFAULTS)) {
            reader.forEachRemaining(all::add);
        }
        return all;
    }

    @Test
    void headersMatchWhateverTheirCase() throws Exception {
        Descriptor d = read("ID,Serials,Script_Name,CAPTIONS,Upload_Wait_Time\nrow-1,s1,post,hi,45\n").get(0);

        assertThat(d.problem()).isNull();
        assertThat(d.key()).isEqualTo("row-1");
        assertThat(d.body().toString()).isEqualTo("{\"id\":\"row-1\",\"serials\":[\"s1\"],\"script_name\":\"post\","
                + "\"script_config\":{\"captions\":\"hi\",\"upload_wait_time\":45}}");
    }

    @Test
    void aColumnATypoAwayFromAFieldOfItsScriptDeadLettersTheRowKeepingItsFields() throws Exception {
        List<Descriptor> all = read("id,serials,script_name,captoins,material_list\n"
                + "typo-1,s1,post,hello,a.mp4\n"
                + "typo-2,s1,post,,a.mp4\n");

        Descriptor typo = all.get(0);
        assertThat(typo.problem().code()).isEqualTo("40001");
        assertThat(typo.problem().reason())
                .isEqualTo("rows.csv row 2: column captoins is not a field of post; did you mean `captions`?");
        assertThat(typo.key()).isEqualTo("typo-1");
        assertThat(typo.body().toString()).isEqualTo("{\"id\":\"typo-1\",\"serials\":[\"s1\"],\"script_name\":\"post\","
                + "\"script_config\":{\"captoins\":\"hello\",\"material_list\":[\"a.mp4\"]}}");
        assertThat(all.get(1).problem()).as("an empty cell under the misspelt column loses nothing").isNull();
    }

    @Test
    void aTopLevelNameIsCheckedToo() throws Exception {
        Descriptor d = read("serial,script_name,captions\ns1,post,hi\n").get(0);

        assertThat(d.problem().reason()).isEqualTo("rows.csv row 2: column serial is not a field of post; did you mean `serials`?");
    }

    @Test
    void aFieldOfAnotherScriptOrNoneNearIsPassedThrough() throws Exception {
        List<Descriptor> all = read("serials,script_name,target_users,my_note,captions\n"
                + "s1,post,,for me,hi\n"
                + "s1,follow,@a,,\n");

        assertThat(all).extracting(Descriptor::problem).containsOnlyNulls();
        assertThat(all.get(0).body().at("/script_config/my_note").asText()).isEqualTo("for me");
    }

    @Test
    void typosAllowedShrinkWithTheName() {
        assertThat(CsvColumns.editDistance("captoins", "captions")).isEqualTo(1);
        assertThat(CsvColumns.editDistance("captins", "captions")).isEqualTo(1);
        assertThat(CsvColumns.editDistance("capshuns", "captions")).isEqualTo(3);
        assertThat(CsvColumns.typosAllowed("captions")).isEqualTo(2);
        assertThat(CsvColumns.typosAllowed("topic")).isEqualTo(1);
        assertThat(CsvColumns.typosAllowed("id")).isZero();
    }
}
