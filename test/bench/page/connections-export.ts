/**
 * A LinkedIn Connections.csv of `rows` connections, as the export writes it (BOM, the `Notes:`
 * preamble, CRLF lines, English dates), with what makes reading it work: names in several
 * scripts, quoted commas and quotes, a line break inside a quoted position, an email on one row
 * in four. Each row is a different person, keyed by `tag` so two files share nobody.
 */
export function connectionsExport(rows: number, tag = 'p'): string {
  const lines = [
    '\uFEFFNotes:',
    '"When exporting your connection data, you may notice that some of the email addresses are missing."',
    '',
    'First Name,Last Name,URL,Email Address,Company,Position,Connected On',
  ];
  for (let i = 0; i < rows; i += 1) {
    const first = FIRST[i % FIRST.length]!;
    const last = LAST[(i * 7) % LAST.length]!;
    const email = i % 4 === 0 ? `person.${tag}.${i}@example.com` : '';
    const date = `${(i % 28) + 1} ${MONTHS[i % 12]} ${2010 + (i % 15)}`;
    const url = `https://www.linkedin.com/in/${tag}-${i}-${i.toString(36)}`;
    lines.push([first, last, url, email, COMPANIES[i % 5], POSITIONS[i % 4], date].join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

const FIRST = ['Ada', 'Grace', 'Jean-Luc', 'Мария', '美玲', 'فاطمة', 'José', 'Siobhán'];
const LAST = ['Lovelace', 'Hopper', "O'Brien", 'Иванова', '王', 'الزهراء', 'García', 'Ní Bhriain'];
const COMPANIES = ['Analytical Engines Ltd', '"Compilers, Inc."', 'Яндекс', '阿里巴巴', '"Acme ""Rockets"", Inc."'];
const POSITIONS = ['Head of Sales', '"VP Sales, EMEA"', 'Account Executive', '"Founder\r\n& CEO"'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
