import NIOPosix
import NIOHTTP1
public enum _TS {}
