"""string.Template equivalents of /work/main/Templates/roster.{subject,txt,html}.mustache.

Mustache sections become Python: `{{#students}}` loops are expanded by the caller with the row templates
below and substituted as one block (`${students_block}` …); `{{#has_x}}` / `{{^has_x}}` pick one of two
blocks. Standalone section-tag lines vanish in Mustache, so they are absent here too. HTML values are
escaped by the caller (Mustache `{{x}}` escapes), text/subject values are not (CONTENT_TYPE: TEXT).
Keep in step with Templates/ when those change.
"""

from string import Template

SUBJECT = Template("${program_name} roster for ${school_name}, week of ${week_label}")

TEXT = Template("""\
Hello ${contact_name},

This is the ${program_name} roster at ${school_name} for the week of ${week_label}
(${week}). ${student_count} students are in your program this week.

${students_block}${dropped_block}
The same list is attached as roster.csv.

TO CHANGE THE ROSTER, reply to this email (keep the subject) with one change per line:
  ADD 123456
  ADD Maria Lopez, grade 4
  DROP 123456
You can also fill the "action" column of roster.csv with ADD or DROP and attach it to your reply.
You will get a confirmation listing what was applied. Changes reach the student information
system once a week.

Questions? Your Community School Coordinator is ${csc_name} <${csc_email}>.

${community_schools_name}
${district_name}
""")

TEXT_STUDENT = Template(
    "- ${name} (student no. ${number}, grade ${grade}, release on file: ${release})${new_mark}\n")
TEXT_NO_STUDENTS = "No students are in your program at this school this week.\n"
TEXT_DROPPED_HEAD = "\nNo longer in your program since last week:\n"
TEXT_DROPPED = Template("- ${name} (student no. ${number})\n")

HTML = Template("""\
<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>${program_name} roster, ${school_name}</title></head>
<body style="font-family: Arial, Helvetica, sans-serif; font-size: 14px; color: #222;">
<p>Hello ${contact_name},</p>
<p>This is the <strong>${program_name}</strong> roster at <strong>${school_name}</strong> for the week of
${week_label} (${week}). ${student_count} students are in your program this week.</p>
${students_block}${dropped_block}<p>The same list is attached as <code>roster.csv</code>.</p>
<p><strong>To change the roster</strong>, reply to this email (keep the subject) with one change per line:</p>
<pre>ADD 123456
ADD Maria Lopez, grade 4
DROP 123456</pre>
<p>You can also fill the <code>action</code> column of roster.csv with ADD or DROP and attach it to your reply.
You will get a confirmation listing what was applied. Changes reach the student information system once a week.</p>
<p>Questions? Your Community School Coordinator is ${csc_name} &lt;<a href="mailto:${csc_email}">${csc_email}</a>&gt;.</p>
<p>${community_schools_name}<br>${district_name}</p>
</body>
</html>
""")

HTML_TABLE_HEAD = """\
<table style="border-collapse: collapse;" cellpadding="4">
<thead><tr style="background: #eef;">
<th align="left">Student no.</th><th align="left">Name</th><th align="left">Grade</th><th align="left">Release on file</th><th align="left">Change</th>
</tr></thead>
<tbody>
"""
HTML_STUDENT = Template(
    "<tr><td>${number}</td><td>${name}</td><td>${grade}</td><td>${release}</td><td>${change}</td></tr>\n")
HTML_TABLE_TAIL = "</tbody>\n</table>\n"
HTML_NO_STUDENTS = "<p>No students are in your program at this school this week.</p>\n"
HTML_DROPPED_HEAD = "<p>No longer in your program since last week:</p>\n<ul>\n"
HTML_DROPPED = Template("<li>${number} ${name}</li>\n")
HTML_DROPPED_TAIL = "</ul>\n"
