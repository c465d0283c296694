//! The general conditions of supply, written by the vendor as a small
//! Markdown subset in `assets/content/condizioni.it.md`: one `# title`, then
//! clauses as `## N. Heading` followed by paragraphs separated by blank
//! lines. Kept in Italian only: it is the legally binding text.

/// The general conditions of supply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conditions {
    pub title: String,
    pub clauses: Vec<Clause>,
}

/// One numbered clause.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clause {
    /// The number as written before the dot, e.g. "8".
    pub number: String,
    pub heading: String,
    pub paragraphs: Vec<String>,
}

impl Conditions {
    pub fn parse(text: &str) -> Result<Conditions, String> {
        let mut title = None;
        let mut clauses: Vec<Clause> = Vec::new();
        let mut paragraph = String::new();
        let flush = |paragraph: &mut String, clauses: &mut Vec<Clause>| -> Result<(), String> {
            if paragraph.is_empty() {
                return Ok(());
            }
            let clause = clauses
                .last_mut()
                .ok_or_else(|| "text before the first clause".to_string())?;
            clause.paragraphs.push(std::mem::take(paragraph));
            Ok(())
        };
        for (n, line) in text.lines().enumerate() {
            let line = line.trim_end();
            if let Some(h) = line.strip_prefix("## ") {
                flush(&mut paragraph, &mut clauses)?;
                let (number, heading) = h
                    .split_once(". ")
                    .ok_or_else(|| format!("line {}: a clause is '## N. Heading'", n + 1))?;
                clauses.push(Clause {
                    number: number.trim().to_string(),
                    heading: heading.trim().to_string(),
                    paragraphs: Vec::new(),
                });
            } else if let Some(t) = line.strip_prefix("# ") {
                if title.is_some() {
                    return Err(format!("line {}: a second title", n + 1));
                }
                title = Some(t.trim().to_string());
            } else if line.trim().is_empty() {
                flush(&mut paragraph, &mut clauses)?;
            } else {
                if !paragraph.is_empty() {
                    paragraph.push(' ');
                }
                paragraph.push_str(line.trim());
            }
        }
        flush(&mut paragraph, &mut clauses)?;
        let title = title.ok_or_else(|| "no '# title' line".to_string())?;
        if clauses.is_empty() {
            return Err("no clauses".into());
        }
        Ok(Conditions { title, clauses })
    }

    pub fn clause(&self, number: &str) -> Option<&Clause> {
        self.clauses.iter().find(|c| c.number == number)
    }
}
