// JdbcTls URL [name=value]...: connect with pgjdbc using the URL and the
// given connection properties, run SELECT 1, and print "ok 1" -- or
// "error SQLSTATE message" if connecting fails. tls.sh compares the output.

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

public class JdbcTls {
    public static void main(String[] args) {
        Properties props = new Properties();
        for (int i = 1; i < args.length; i++) {
            String[] kv = args[i].split("=", 2);
            props.setProperty(kv[0], kv[1]);
        }
        try (Connection c = DriverManager.getConnection(args[0], props);
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT 1")) {
            rs.next();
            System.out.println("ok " + rs.getString(1));
        } catch (SQLException e) {
            System.out.println("error " + e.getSQLState() + " " + e.getMessage());
        }
    }
}
