/// Replies shaped like what models send, for the streaming tests.
enum Fixtures {
    static let mixed = """
        # Setting up the *project*

        Here is a **quick** overview with `inline code`, a [link](https://example.com/a_b?c=d) and \
        some ~~old~~ text. 漢字とかなを含む行、そして絵文字 👍 も。Tabs\tinside\tprose.

        ## Steps

        1. Install the tools:
           - `swift` 6.3
           - [x] readline
           - [ ] something *optional*
        2. Build it:

           ```bash
           swift build -c release
             --verbose
           ```

        3) Run.

        > **Note:** quoted text
        > > nested *quote*

        ---

        | Tool | Version | Notes |
        |:-----|--------:|:-----:|
        | swift | 6.3.1 | `stable` |
        | 漢字 | 1 | e\u{301}tude |

        A line right after the table.
        This is one very long line that goes on and on with **bold words**, *italic words* and `code` \
        so that it wraps over several rows of even a wide terminal, which is exactly the case that the \
        rewrite of the open line has to get right: every row it took must be cleared, no more, no less.

        ~~~~python
        def f(x):
        \treturn x  # trailing spaces  \u{20}
        ```not a fence close```
        ~~~
        ~~~~
        Done.
        """

    static let tables = """
        a | b
        not a table after all

        | x | y |
        |---|---|
        | 1 | 2 |
        Next paragraph *directly*.

        left | right
        :--|--:
        1 | 2
        three | 4

        | only header |
        |---|
        """

    static let crlf = "# Title\r\n\r\nSome **bold**\r\n- item\r\n```\r\ncode\r\n```\r\nlone\rCR and end"

    static let code = """
        Text before.
        ```python
        import os
        def main():
            print('hello')  # greet
        \tif x: return 'y'
        ```
        Between *blocks*.
        ````
        ```
        nested fence text
        ```
        ````
        ```unclosed
        last line
        """

    static let all = [mixed, tables, crlf, code]
}
