use super::*;

#[test]
fn verbatim_covers_urls_emails_code_spans_and_comments() {
    let text = "详见https://www.gov.cn/zhengce/a.htm。联系邮箱：office@jiangchuan.gov.cn，或`1、代码`。<!-- INFO END -->www.example.com.";
    let doc = Document::parse(text.to_string(), Format::Markdown);
    let spans: Vec<&str> = doc.verbatim.iter().map(|r| &text[r.range()]).collect();
    assert_eq!(
        spans,
        [
            "https://www.gov.cn/zhengce/a.htm",
            "office@jiangchuan.gov.cn",
            "`1、代码`",
            "<!-- INFO END -->",
            "www.example.com"
        ]
    );
    assert!(
        Document::parse("9:30开会，3.5万元".to_string(), Format::Plain)
            .verbatim
            .is_empty()
    );
}
