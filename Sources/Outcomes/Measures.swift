// INTERFACE STUB (issue 11): the outcomes engineer fills this target (measures over outcome rows, the
// answer's tables and rows, attachments). Pure: no clock, file or network.
import Disclosure
import Roster
