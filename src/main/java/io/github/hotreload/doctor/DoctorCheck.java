package io.github.hotreload.doctor;

import java.util.List;

/**
 * One section of the doctor's checklist. A new check is a class of this interface added to
 * {@link Doctor#standard}; it gets everything the doctor found out about the project and returns
 * its lines, in order. A check never throws for something it finds: that is a finding.
 */
public interface DoctorCheck {

    List<Finding> run(Examination project);
}
